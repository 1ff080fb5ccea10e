"""Checker rule on an example id the data types twice, once with a letter or two changed (REF027)."""

from __future__ import annotations

import re
from collections import defaultdict

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.suggest import edit_distance

# An id of an example: a word, an underscore, and digits somewhere after it (user_456, req_1705228200000_abc123)
_ID = re.compile(r"(?<![\w$])[A-Za-z]+_[A-Za-z0-9_]*\d[A-Za-z0-9_]*(?![\w-])")


def _near(a: str, b: str) -> bool:
    """Two spellings of one id: the same word before the underscore, one or two edits apart (a swap is two). One that
    starts with the other is another id on purpose (user_4567, the id a prefix search of user_456 also matches)."""
    if a.split("_", 1)[0] != b.split("_", 1)[0] or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 7:
        return False
    if a.startswith(b) or b.startswith(a):
        return False
    return edit_distance(a, b) <= 2


def typed_ids(ctx: CheckContext, report: Reporter) -> dict[str, list[tuple[str, int, int]]]:
    """{id: the (file, line, column) of each place a data file types it}, comment lines left out."""
    cat = ctx.catalog
    out: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for rel in [cat.file(s) for s in F.SINGLE] + [rel for rel, _ in cat.runbook_files()]:
        for n, text in enumerate(report.lines(rel), 1):
            if text.lstrip().startswith("#"):
                continue
            for m in _ID.finditer(text):
                out[m.group(0)].append((rel, n, m.start() + 1))
    return out


def misspelt_ids(typed: dict[str, list[tuple[str, int, int]]]) -> list[tuple[str, str]]:
    """(id, the id it misspells) of each id one or two edits from another the data types at least as often (the
    most typed one is given); typed as often, each of the two is reported (which one the example meant is for the
    editor to say). An id that extends another the data types (user_4567 beside user_456) is another on purpose."""
    out = []
    for a in sorted(typed):
        if any(a != b and a.startswith(b) for b in typed):
            continue
        near = [b for b in typed if b != a and _near(a, b) and len(typed[b]) >= len(typed[a])]
        if near:
            out.append((a, max(near, key=lambda b: (len(typed[b]), b))))
    return out


@rule(
    "REF027",
    "error",
    "an example id (user_456, req_…_abc123) is typed alike wherever the data gives it, not with a letter or two "
    "changed",
    "A placeholder's default is the log format's example record's id (the trace of a request, of a user, run with "
    "the default, finds that record); typed with two characters swapped or one dropped, it matches nothing, and the "
    "query prints nothing for a reason no one looks for. Two ids one or two edits apart, with the same leading word, "
    "are one example misspelt, not two.",
    "type the id as the other places do (the log format's example record in catalog.yaml)",
)
def same_example_ids(ctx: CheckContext, report: Reporter):
    typed = typed_ids(ctx, report)
    for wrong, meant in misspelt_ids(typed):
        where = ", ".join(f"{rel}:{n}" for rel, n, _ in typed[meant][:2])
        for rel, n, col in typed[wrong]:
            message = f"{wrong} is {meant} (typed at {where}) with a character or two changed"
            yield report.at(rel, n, col, message)
