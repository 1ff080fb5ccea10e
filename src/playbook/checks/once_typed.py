"""Checker rule on names the data types once: one edit from a name it types elsewhere (REF015)."""

from __future__ import annotations

import bisect
import re
from collections import Counter

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.near_names import _files, declared, meant
from playbook.data.suggest import one_edit

# A name-like token of any line of the data: a compound name (kebab, snake, camel case), or a Slack handle or
# channel (@name, #name) of any shape; and the suffix a side file's name adds to a placeholder ("$DB_PATH-journal").
_TOKEN = re.compile(
    r"(?<![\w$/.@#-])[@#]?([A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)+)(?![\w-])|(?<![\w/.-])[@#]([A-Za-z][\w-]{3,}\w)"
)
_SUFFIX = re.compile(r"\$\{?[A-Za-z_]\w*\}?-([A-Za-z][A-Za-z0-9]*)\b")
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9]*")
TOKEN_MIN = 5  # a shorter name is one edit from too many others to guess which was meant


def _variant(a: str, b: str) -> bool:
    """Whether two names one edit apart are one name written two ways, not a slip: case (Post-mortem), the
    separator (rate_limits, rate-limits), a plural s, or a number (user_456, user_4567: another example value)."""
    if a.lower() == b.lower() or a.replace("_", "-") == b.replace("_", "-"):
        return True
    return a + "s" == b or b + "s" == a or re.sub(r"\D", "", a) != re.sub(r"\D", "", b)


def _deletes(word: str) -> set[str]:
    """`word` and each of it with one letter dropped: two words one edit apart share one of these (the index
    makes the comparison of every token with every other one lookup each)."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _near(word: str, index: dict[str, set[str]], counts: dict[str, int]) -> list[str]:
    out = {u for key in _deletes(word) for u in index.get(key, ())}
    return sorted(u for u in out if counts[u] >= 2 and one_edit(word, u) and not _variant(word, u))


@rule(
    "REF015",
    "error",
    "a name the data types once is not one edit from a name it types elsewhere",
    "`@oncal-secondary` where every other line types oncall-secondary, a side file `$DB_PATH-jounral` beside the "
    "-journal the text and the other commands name: a handle that reaches nobody, an rm that deletes nothing, "
    "and nothing else in the data to tell.",
    "write the name as the rest of the data does (or, if it is a new name, not one letter from an existing one)",
)
def once_typed_names(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    declared_names = declared(cat)
    names: dict[str, int] = {}
    found: list[tuple[str, str, int, int, bool]] = []  # (token, file, line, col, a side file's suffix)
    texts = []
    for rel in _files(cat):
        text = "\n".join(report.lines(rel))
        texts.append(text)
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        for pattern, suffix in ((_TOKEN, False), (_SUFFIX, True)):
            for m in pattern.finditer(text):
                name = m.group(1) or m.group(2) if not suffix else m.group(1)
                at = m.start(1) if suffix else m.start()
                line = bisect.bisect_right(starts, at)
                if not suffix:
                    names[name] = names.get(name, 0) + 1
                found.append((name, rel, line, at - starts[line - 1] + (0 if suffix else 1), suffix))
    whole = "\n".join(texts)
    plain: dict[str, int] = {}  # every word's count, read only for a suffix typed once (rare)
    index: dict[str, set[str]] = {}
    for word, count in names.items():
        if count >= 2 and len(word) >= TOKEN_MIN - 1:
            for key in _deletes(word):
                index.setdefault(key, set()).add(word)
    for name, rel, line, col, suffix in found:
        if len(name) < TOKEN_MIN:
            continue
        if suffix and len(re.findall(rf"\b{re.escape(name)}\b", whole)) > 1:
            continue  # typed elsewhere too
        # A channel or handle of one plain word ("#incidnets") typed once is weighed against the words too: the
        # channel's id and the texts type it as a word (incidents), never with its # (set 15 M70, spent).
        word = not suffix and names.get(name, 0) == 1 and _PLAIN.fullmatch(name) is not None
        if (suffix or word) and not plain:
            plain.update(Counter(_PLAIN.findall(whole)))
        counts = plain if suffix or word else names
        if counts.get(name, 0) > 1:
            continue
        if suffix or word:  # a few: against every word the data types
            near = sorted(u for u, c in plain.items() if c >= 2 and one_edit(name, u) and not _variant(name, u))
        else:
            near = _near(name, index, names)
        if len(near) == 1 and meant(name, declared_names) is not None:
            continue  # a near miss of a declared name: REF011's
        if len(near) == 1:
            what = f"the side file's suffix -{name}" if suffix else name
            message = (
                f"{what} is typed nowhere else in the data, one letter from {near[0]}, which it types "
                f"{counts[near[0]]} times: did you mean {near[0]}?"
            )
            yield report.at(rel, line, col, message)
