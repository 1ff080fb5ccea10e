"""Checker rule on the schemas a runbook's SQL names: each is main, temp or one the same block attaches (TOOL028)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.data.suggest import edit_distance
from playbook.runbooks.destructive import runs

# `ATTACH [DATABASE] <file> AS <name>` (SQLite's grammar); the name may be quoted
_ATTACH = re.compile(r"""(?i)\battach\s+(?:database\s+)?(?:'[^']*'|"[^"]*"|\S+)\s+as\s+(?:\\?["'`[])?(\w+)""")
# A table named with its schema: `FROM s.t`, `JOIN s."t"`, `INTO s.t`, `UPDATE s.t`, `TABLE s.t`, `PRAGMA s.x`
_QUALIFIED = re.compile(
    r"""(?i)\b(?:from|join|into|update|table|exists|pragma)\s+(?:\\?["`[])?(\w+)(?:\\?["`\]])?\s*\.\s*(?=[\w"\\`[])"""
)
BUILTIN = {"main", "temp"}  # the schemas every SQLite connection has


def sqlite_texts(code: str) -> Iterator[tuple[int, str]]:
    """(offset in the block, text) of each sqlite3 command of a block: its options' values and its SQL."""
    lines = code.split("\n")
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    for node, _words, argv in runs(code):
        if argv and argv[0].rsplit("/", 1)[-1] == "sqlite3":
            row, col = node.start_point
            yield starts[row] + col, node.text.decode()


def _said(code: str, word: str) -> int:
    return len(re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", code, re.I))


def unknown_schemas(code: str) -> Iterator[tuple[int, str, set[str]]]:
    """(offset in the block, schema, the schemas known there) of each schema a sqlite3 of the block names that is
    neither main nor temp nor attached by an ATTACH of the same block. When an attached name no SQL reads is near
    it and the block types that name less often (its files, its variables), the ATTACH is the typo: reported there."""
    attaches = {m.group(1).lower(): m.start(1) for m in _ATTACH.finditer(code)}
    known = BUILTIN | set(attaches)
    used = {m.group(1).lower() for _, text in sqlite_texts(code) for m in _QUALIFIED.finditer(text)}
    for start, text in sqlite_texts(code):
        for m in _QUALIFIED.finditer(text):
            name = m.group(1)
            if name.lower() in known:
                continue
            odd = [
                a
                for a in attaches
                if a not in used and edit_distance(a, name.lower()) <= 2 and _said(code, a) < _said(code, name)
            ]
            yield (attaches[odd[0]], odd[0], known) if odd else (start + m.start(1), name, known)


@rule(
    "TOOL028",
    "error",
    "a table a runbook's SQL names with its schema (`salvaged.t`) names main, temp or a database the block attaches",
    "SQLite knows a connection's main and temp schemas and those ATTACH … AS names; any other prefix (a typo of the "
    "attached name: `salvage.` for `salvaged.`) fails with 'no such table', and a count in a command substitution "
    "prints nothing, so the figure the step reads (the rows lost, the rows left) is blank without a failed step.",
    "write the name the block attaches (ATTACH '…' AS name), or main",
    tools=True,
)
def known_schemas(ctx: CheckContext, report: Reporter):
    for s in spots(ctx.catalog):
        if s.kind != "shell" or "sqlite3" not in s.code:
            continue
        for offset, schema, known in unknown_schemas(s.code):
            line = s.code.count("\n", 0, offset) + 1
            col = offset - (s.code.rfind("\n", 0, offset) + 1) + 1
            names = ", ".join(sorted(known))
            message = (
                f"{schema} is not both attached and read: the block's SQL knows {names}; a table named with a schema "
                "it does not know fails, 'no such table'"
            )
            yield at(report, s, line, col, message)
