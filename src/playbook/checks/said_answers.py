"""Checker rule on a search answer's why: the level it names is the level its answer points at."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.mentions import level_patterns
from playbook.data.markup import prose_strings, text_roots

_BRACKETS = re.compile(r"\([^()]*\)")


def answer_level(cat, node) -> str | None:
    """The level a search item answers with (`answer:` or `find:` severities.md#sev-2: SEV-2); None for another page."""
    target = getattr(node, "answer", None) or getattr(node, "find", None)
    if not isinstance(target, str) or "#" not in target or not target.startswith("severities.md"):
        return None
    anchor = target.split("#", 1)[1]
    return next((lv.id for lv in cat.severities.levels if lv.id.lower() == anchor), None)


def said_levels(cat, text: str) -> list[tuple[int, str, str]]:
    """(position, level, as written) of each level `text` names outside brackets (an aside names others freely)."""
    plain = _BRACKETS.sub(lambda m: " " * len(m.group(0)), text)
    return sorted((m.start(), lv, m.group(0)) for lv, p in level_patterns(cat).items() for m in p.finditer(plain))


def _node(model, path: tuple):
    node = model
    for key in path[:-1]:
        node = node[key] if isinstance(node, list | dict) else getattr(node, key, None)
    return node


@rule(
    "CAT026",
    "error",
    "a search item whose answer is a level's section (severities.md#sev-2) names that level in its why, when its why "
    "names levels",
    "The why says what the answer is ('The common spellings of SEV-2', 'a SEV-1 signal'); a why that names another "
    "level than the section the search opens tells whoever maintains the index that the words belong elsewhere, and "
    "the next edit moves the answer to match the why.",
    "name the answer's level in the why, or point the answer at the level the why names",
)
def search_answer_level_said(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    models = dict(text_roots(cat))
    for file, path, text in prose_strings(cat):
        if path[-1] != "why" or (level := answer_level(cat, _node(models[file], path))) is None:
            continue
        named = said_levels(cat, text)
        if named and level not in {lv for _, lv, _ in named}:
            said = ", ".join(dict.fromkeys(lv for _, lv, _ in named))
            message = f"the why names {said}, but the answer is {level}'s section"
            yield report(file, path, message, needle=named[0][2])
