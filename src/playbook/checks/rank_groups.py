"""Checker rule on a search concept's rank: the rank the comment heading its group gives (SRCH014)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F

# "# rank 2: the systems, a runbook each": a comment that heads the concepts of one rank and says why they rank so
_HEADING = re.compile(r"^\s*#\s*rank\s+(\d+)\b", re.IGNORECASE)


def headed(lines: list[str], rows: list[int]) -> list[int | None]:
    """The rank the nearest group heading above each row (a 1-based line) gives it; None above the first heading.
    Only the lines from the first row's up count: the file's other comments head other lists."""
    out, rank, k = [], None, 0
    start = rows[0] - 1 if rows else 0
    while start > 0 and lines[start - 1].lstrip().startswith("#"):
        start -= 1  # the comments just above the first row head it
    for n in range(start, len(lines)):
        if m := _HEADING.match(lines[n]):
            rank = int(m.group(1))
        while k < len(rows) and rows[k] == n + 1:
            out.append(rank)
            k += 1
    return out + [rank] * (len(rows) - len(out))


@rule(
    "SRCH014",
    "error",
    "a search concept's rank is the one the comment heading its group gives (# rank 1: the question asked)",
    "The concepts are grouped by rank under a comment that says why they rank so ('rank 1: ... an owner', 'rank 2: "
    "the systems'): of the concepts a query names, the lowest rank answers first. A rank retyped inside a group "
    "(the owner at 3) makes every system's runbook win over it, so 'which team owns auth' opens the auth runbook, "
    "not the matrix row, against the reason written above it.",
    "give the concept the rank of its group, or move it under the heading of the rank it now has (and say why)",
)
def rank_as_headed(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    rel = cat.file(F.SEARCH)
    concepts = cat.search.concepts
    rows = [cat.where(rel, ("concepts", i))[0] for i in range(len(concepts))]
    if not rows or rows != sorted(rows):
        return
    for i, (c, said) in enumerate(zip(concepts, headed(report.lines(rel), rows), strict=True)):
        if said is not None and c.rank != said:
            message = f"the concept {c.id!r} has rank {c.rank}, but it stands under the heading of rank {said}"
            yield report(F.SEARCH, ("concepts", i, "rank"), message)
