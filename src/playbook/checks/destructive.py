"""Checker rules on dangerous steps: a command that changes production or data is marked `destructive: true`."""

from __future__ import annotations

import sqlite3

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, broken_shell, results, spots
from playbook.runbooks import blockcheck as bc
from playbook.runbooks.destructive import Danger, dangers, parse_errors, sql_writes_with

JUDGEMENT = (
    "Read-only commands pass: `sqlite3 -readonly`, SELECT and PRAGMA checks, `cp` to /tmp or to a new "
    "name made with $(date …); a command that deletes, overwrites a placeholder path, restarts, deploys, "
    "rolls back, pushes or writes SQL does not."
)


@rule(
    "DEST001",
    "error",
    "a block that deletes, overwrites, restarts, deploys, rolls back or writes SQL is marked destructive: true",
    "An unmarked `rm` or `DELETE` runs without the danger box and the confirmation prompt. " + JUDGEMENT,
    "add `destructive: true` to the block (and say what it changes and how to undo it)",
    tools=True,
)
def destructive_marked(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    all_spots = [s for s in spots(cat) if not s.destructive and s.kind in ("shell", "jq", "sql")]
    if not all_spots:
        return
    try:
        con = bc.sql_database(cat.project.app_schema)
    except bc.ToolMissing:  # no schema: every statement is judged by its first keyword
        con = sqlite3.connect(":memory:")
    writes = sql_writes_with(con, bc.sql_explain)
    placeholders = set(cat.placeholders)
    seen: dict[tuple[str, str], list[Danger]] = {}  # a large playbook repeats its commands: judge each once
    try:
        for s in all_spots:
            key = (s.kind, s.code)
            if key not in seen:
                if s.kind == "sql":
                    found = list(dict.fromkeys(writes(s.code)))
                    seen[key] = [Danger(1, 1, "SQL", f"the SQL writes ({', '.join(found)})")] if found else []
                else:
                    seen[key] = dangers(s.code, placeholders, writes)
            for d in seen[key]:
                yield at(report, s, d.line, d.col, f"{d.command!r}: {d.reason}")
    finally:
        con.close()


@rule(
    "DEST002",
    "warning",
    "tree-sitter-bash reads every shell block that bash accepts",
    "DEST001 finds dangerous commands in the parse; a construct the parser cannot read hides them.",
    "rewrite the construct more plainly, and mark the block destructive: true if it changes anything",
    external=True,
)
def shell_parses(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    res = results(ctx)
    bad = {res.shell[i] for i in broken_shell(ctx)}
    for s in spots(cat):
        if s.kind in ("shell", "jq") and s.code not in bad:
            for line, col in parse_errors(s.code)[:1]:
                yield at(report, s, line, col, "tree-sitter-bash cannot parse the shell from here")
