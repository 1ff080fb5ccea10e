"""Checker rule DEST033: a destructive block's undo copies back what the runbook keeps, never moves it."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import spots
from playbook.data.walk import blocks
from playbook.runbooks.destructive import runs

_SPAN = re.compile(r"`([^`\n]+)`")
_MOVES = re.compile(r"(?i)\b(?:move[sd]?|moving|mv)\b")


def kept_prefixes(codes: list[str]) -> set[str]:
    """The folders a runbook keeps copies in, as their name's fixed part: each `mkdir` operand (a variable's value
    as assigned in the same code, `keep="$DB_PATH.corrupt-$(date …)"`) up to its first expansion past the start."""
    out = set()
    for code in codes:
        values = dict(re.findall(r"(?m)^\s*(\w+)=\"?([^\"\n]*)", code))
        for _, _, argv in runs(code):
            if argv[0] != "mkdir":
                continue
            for word in argv[1:]:
                if word.startswith("-"):
                    continue
                name = re.fullmatch(r"\$\{?(\w+)\}?/?", word)
                value = values.get(name[1], "") if name else word
                fixed = re.split(r"\$\(|`", value, maxsplit=1)[0]
                if len(fixed) > 3:
                    out.add(fixed)
    return out


def moves_kept(undo: str, kept: set[str]) -> str | None:
    """The kept folder as the undo names it in backticks, in a clause of the undo that moves files (mv, "move");
    None otherwise."""
    for clause in re.split(r"(?<=[.;:])\s+", undo or ""):
        if not _MOVES.search(_SPAN.sub(lambda m: "" if "mv" not in m.group(1) else "mv", clause)):
            continue
        for m in _SPAN.finditer(clause):
            if any(m.group(1).startswith(k) for k in kept):
                return m.group(1)
    return None


@rule(
    "DEST033",
    "error",
    "a destructive block's undo brings back the files the runbook keeps (a folder its code makes and copies into) "
    "by copying them, never by moving them",
    "The kept copy is the evidence: the salvage reads its rows from it and the post-mortem counts the data lost from "
    "it. An undo that moves its files back empties the folder, and a second failure after the undo leaves no copy of "
    "the database at all (D-restore-writes: the corrupt file is copied aside, never moved).",
    "copy the kept files back (`cp -p`), so the kept folder stays as it was",
)
def undo_keeps_the_copy(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    by_file: dict[str, list[str]] = {}
    for s in spots(cat):
        if s.kind == "shell":
            by_file.setdefault(s.file, []).append(s.code)
    kept = {f: cat.memoized(("dest", "kept-prefixes", f), lambda c=c: kept_prefixes(c)) for f, c in by_file.items()}
    for s, (_, _, block) in zip(spots(cat), blocks(cat), strict=True):
        if not s.destructive or not block.undo or not kept.get(s.file):
            continue
        if named := moves_kept(block.undo, kept[s.file]):
            message = f"the undo moves the files of `{named}`, the copy the runbook keeps: it leaves the folder empty"
            yield report(s.file, (*s.path[:-1], "undo"), message)
