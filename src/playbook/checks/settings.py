"""Checker rule on the server settings a destructive block's SQL changes lastingly: each is named in its `changes:`
(DEST017)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.data.walk import blocks
from playbook.runbooks import sqlkind
from playbook.runbooks.destructive import client_sql, runs


def settings_set(code: str) -> list[tuple[int, int, str, str]]:
    """(line, column, program, setting) of each server setting a command of a shell block changes lastingly."""
    out = []
    for node, _, argv in runs(code):
        for sql in client_sql(argv):
            for stmt in sqlkind.statements(sql):
                if name := sqlkind.setting(stmt):
                    out.append((node.start_point[0] + 1, node.start_point[1] + 1, argv[0], name))
    return out


def said(name: str, changes: str) -> bool:
    """Whether changes: names a setting (`max_connections`, or in words: "max connections")."""
    words = r"[\s_]+".join(map(re.escape, name.split("_")))
    return re.search(rf"(?<![\w]){words}(?![\w])", changes, re.I) is not None


@rule(
    "DEST017",
    "error",
    "every server setting a destructive block's SQL changes lastingly (`ALTER SYSTEM SET max_connections = 500`) is "
    "named in its `changes:`",
    "A configuration write (PostgreSQL's ALTER SYSTEM, ALTER DATABASE/ROLE … SET; MySQL's SET PERSIST/GLOBAL) outlives "
    "the block: it is written to the server's configuration and applies at every start. Slipped into a restart block "
    "whose changes: speaks of dropped connections only, it is confirmed by nobody and reverted by no undo (500 "
    "connections may need more shared memory than the host has, and the server then refuses to start). Each setting "
    "the SQL a block gives a client (psql -c, mysql -e, sqlite3's arguments) writes is named in changes:.",
    "name the setting and its new value in changes: and how undo: sets it back (ALTER SYSTEM RESET name), or take "
    "the statement out of the block",
)
def settings_said(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for s, (_, _, block) in zip(spots(cat), blocks(cat), strict=True):
        if s.kind != "shell" or not s.destructive or block.changes is None:
            continue  # unmarked: DEST001's; no changes: RUN003's
        for line, col, program, name in cat.memoized(("dest", "settings", s.code), lambda s=s: settings_set(s.code)):
            if not said(name, block.changes):
                message = f"`{program}` changes the server setting {name} lastingly, which the block's changes: "
                yield at(report, s, line, col, message + "does not name")
