"""A link and the text beside it agree on the severity level or runbook they name (REF018)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.links import _join
from playbook.checks.mentions import level_patterns, named_levels
from playbook.data import files as F
from playbook.data.addresses import SCENARIO_DIR
from playbook.data.markup import data_strings
from playbook.markdown import outside_code

_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_TARGET = re.compile(r"^[\w./-]+\.md(?:#[\w-]+)?$")  # a field whose whole value is a site page (`answer:`)


def _target_of(cat, target: str, base: str) -> tuple[str, str] | None:
    """What a link target is: ("level", id) for a level's section, ("runbook", id) for a runbook's page."""
    page, _, anchor = target.partition("#")
    page = _join(base, page)
    if anchor:
        for sev, pat in level_patterns(cat).items():
            if pat.fullmatch(anchor):
                return ("level", sev)
    stem = page.removesuffix(".md")
    if stem.startswith(SCENARIO_DIR + "/") and stem.split("/", 1)[1] in cat.scenarios:
        return ("runbook", stem.split("/", 1)[1])
    if stem in cat.procedures:
        return ("runbook", stem)
    return None


def _named(cat, kind: str, text: str) -> list[str]:
    """The levels (by id or name) or the runbooks (by title) `text` names."""
    if kind == "level":
        return named_levels(cat, text)
    runbooks = {**{k: v.title for k, v in cat.scenarios.items()}, **{k: v.title for k, v in cat.procedures.items()}}
    return [rid for rid, title in runbooks.items() if re.search(rf"(?<![\w-]){re.escape(title)}(?![\w-])", text, re.I)]


@rule(
    "REF018",
    "error",
    "a link to a severity level or a runbook names the one the text beside it names (its link text, its why)",
    "A search answer, or a link in a step, is read through the words beside it: a concept whose why says audit "
    "logging down is SEV-1 but whose answer is SEV-2's section, or `[Rollback Strategy](../disable-ai.md)`, sends "
    "the reader to the level or runbook the text says it is not.",
    "point the link at the level or runbook its text names, or make the text name the one it links to",
)
def link_matches_text(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    scen = cat.file(F.SCENARIOS) + "/"
    strings = data_strings(cat)
    siblings: dict[tuple, list[str]] = {}
    for file, path, text in strings:
        if path and isinstance(path[-1], str):
            siblings.setdefault((file, path[:-1]), []).append(text)
    for file, path, text in strings:
        base = SCENARIO_DIR + "/" if file.startswith(scen) else ""
        pairs = [(label, target) for label, target in _LINK.findall(outside_code(text))] if "](" in text else []
        if path and isinstance(path[-1], str) and _TARGET.match(text.strip()):
            beside = [t for t in siblings.get((file, path[:-1]), []) if t != text]
            pairs.append((" / ".join(beside), text.strip()))  # the item's other texts, read as one
        for label, target in pairs:
            what = _target_of(cat, target, base)
            if what is None:
                continue
            kind, thing = what
            named = _named(cat, kind, label)
            if named and thing not in named:
                shown = ", ".join(named)
                message = f"{target} is {kind} {thing}, but the text beside it names {shown}: {label.strip()[:60]!r}"
                yield report(file, path, message, needle=target)
