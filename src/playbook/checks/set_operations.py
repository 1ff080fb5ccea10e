"""Checker rule on SQL set operations: the one a block runs is the one its own words say it counts (RUN014)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.runbooks.destructive import runs, sqlite_statements

_SET_OP = re.compile(r"\b(EXCEPT|INTERSECT|UNION)\b", re.IGNORECASE)
# What each operation keeps, and how a sentence says it: the rows of one that the other lacks, those both hold, all
_KEEPS = {"EXCEPT": "difference", "INTERSECT": "common", "UNION": "all"}
_SAID = {
    "difference": re.compile(
        r"\b(?:not (?:yet )?in|lacks?|lacking|missing (?:from|in)|absent from|only in|does(?:n't| not) (?:have|hold))\b"
    ),
    "common": re.compile(r"\b(?:also in|in both|in common|both (?:have|hold)|shared by)\b"),
}
_OP_OF = {"difference": "EXCEPT", "common": "INTERSECT"}


def said(code: str) -> set[str]:
    """What a block says it counts or lists, in its comments (# or --) and the text it prints: "difference" (rows of one
    not in the other), "common" (rows both hold)."""
    words = [line.strip().lstrip("#-") for line in code.split("\n") if line.strip().startswith(("#", "--"))]
    words += [" ".join(argv[1:]) for _, _, argv in runs(code) if argv[0] in ("echo", "printf")]
    text = " ".join(words).lower()
    return {kind for kind, said in _SAID.items() if said.search(text)}


def set_operations(code: str, kind: str) -> list[tuple[int, int, str]]:
    """(line, column, operation) of each set operation of a block's SQL, at the line of the code that writes it."""
    sqls = [code] if kind == "sql" else sqlite_statements(code)
    ops = {m.group(1).upper() for sql in sqls for m in _SET_OP.finditer(sql)}
    out = []
    for i, line in enumerate(code.split("\n")):
        if not line.strip().startswith(("#", "--")):
            out += [
                (i + 1, m.start() + 1, m.group(1).upper()) for m in _SET_OP.finditer(line) if m.group(1).upper() in ops
            ]
    return out


@rule(
    "RUN014",
    "error",
    "a SQL set operation is the one the block's words say it counts: EXCEPT for rows one table lacks, INTERSECT for "
    "rows both hold",
    'A count printed under "rows not in the restored database" whose SQL is `INTERSECT` counts the rows that '
    "survived, not those lost: the post-mortem's Data lost gets the wrong rows, and nothing fails. EXCEPT keeps the "
    "rows of the first query the second lacks; INTERSECT those both hold; UNION all of them.",
    "make the operation the one the comment and the printed text describe (EXCEPT for what one lacks), or the words "
    "what it counts",
    tools=True,
)
def set_operation_said(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for s in spots(cat):
        if s.kind not in ("shell", "sql") or not _SET_OP.search(s.code):
            continue
        ops = set_operations(s.code, s.kind)
        says = said(s.code) if ops else set()
        if len(says) != 1:
            continue  # the block says nothing of what it counts, or both: nothing to compare
        (meant,) = says
        for line, col, op in ops:
            if _KEEPS[op] != meant:
                message = (
                    f"{op} keeps the rows {_kept(op)}, but the block says it counts the rows {_kept(_OP_OF[meant])}"
                )
                yield at(
                    report, s, line, col, message, f"write {_OP_OF[meant]}, or make the words say what {op} counts"
                )


def _kept(op: str) -> str:
    return {
        "EXCEPT": "of the first query the second lacks",
        "INTERSECT": "both queries hold",
        "UNION": "of either query",
    }[op]
