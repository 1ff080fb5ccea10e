"""Checker rule SEC014: a runbook's SQL prints no patient data: no column of the app's schema that holds content
(free text, names, addresses, birth dates) in what a SELECT returns, classified from the stand-in schema itself."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.runbooks import sqlkind
from playbook.runbooks.blockcheck import sql_statements
from playbook.runbooks.shellparse import _argv, _parser, _value, _walk

# What a result may show of a content column: whether it is there, and how long; every other use (the column, a
# function of it: substr, upper, group_concat, max) shows the content.
_COUNTS = {"count", "length", "octet_length", "typeof"}
_TEXT = re.compile(r"(?i)char|clob|text|^$")  # SQLite's TEXT affinity (and none: a column without a type)
_BIRTH = re.compile(r"(?i)birth|dob")


def content_columns(schema: Path) -> dict[str, str]:
    """column name (lower case) -> its table, for every column of the schema that may hold patient data. Deny by
    default: a column is content unless the schema shows it is a key (primary, foreign, or named id / …Id), a
    number or a date (not a birth date), or a label with a default value (status: draft)."""
    try:
        con = sqlite3.connect(":memory:")
        con.executescript(schema.read_text(encoding="utf-8"))
    except (OSError, sqlite3.Error, ValueError):
        return {}
    out = {}
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for t in tables:
            keys = {r[3] for r in con.execute("SELECT * FROM pragma_foreign_key_list(?)", (t,))}
            info = "SELECT name, type, dflt_value, pk FROM pragma_table_xinfo(?)"
            for name, kind, default, pk in con.execute(info, (t,)):
                key = pk or name in keys or name == "id" or name.endswith("Id")
                if _BIRTH.search(name) or not (key or default is not None or not _TEXT.search(kind or "")):
                    out[name.lower()] = t
    finally:
        con.close()
    return out


def _source(stmt: list[sqlkind.Token], k: int) -> bool:
    """Whether the SELECT at `k` is a source of another query, not what it returns: `FROM (SELECT …)`, a CTE's `AS
    (SELECT …)`, `IN (SELECT …)`, `EXISTS (SELECT …)`, a comparison's; its columns reach the output only through the
    outer result list (whose `*` covers the tables the statement names)."""
    if k < 2 or stmt[k - 1].text != "(":
        return False
    before = stmt[k - 2]
    return before.text.upper() in ("FROM", "JOIN", "AS", "IN", "EXISTS") or before.text in ("=", "<", ">", "!")


def shown(sql: str, columns: dict[str, str]) -> list[tuple[int, str]]:
    """(offset, column) of every content column a SELECT of `sql` returns: named in a result list (between SELECT and
    its FROM) outside count()/length(), or taken by a `*` over a table that has one."""
    out = []
    for stmt in sqlkind.statements(sql):
        tables = {t.text.strip('"`[]').lower() for t in stmt if t.kind in ("word", "name")}
        starred = [c for c, t in columns.items() if t.lower() in tables]
        for k, t in enumerate(stmt):
            if t.kind != "word" or t.text.upper() != "SELECT" or _source(stmt, k):
                continue
            depth, counted = 0, []  # counted: the depths at which a count()/length() call is open
            for j in range(k + 1, len(stmt)):
                u = stmt[j]
                if u.kind == "op" and u.text == "(":
                    depth += 1
                    before = stmt[j - 1]
                    if before.kind == "word" and before.text.lower() in _COUNTS:
                        counted.append(depth)
                elif u.kind == "op" and u.text == ")":
                    counted = [d for d in counted if d != depth]
                    depth -= 1
                    if depth < 0:
                        break
                elif depth == 0 and u.kind == "word" and u.text.upper() in ("FROM", "SELECT"):
                    break
                elif counted:
                    continue
                elif u.kind in ("word", "name") and u.text.strip('"`[]').lower() in columns:
                    out.append((u.at, u.text.strip('"`[]')))
                elif u.kind == "op" and u.text == "*" and stmt[j - 1].text in (",", "SELECT", "select", "."):
                    out += [(u.at, f"* ({c})") for c in starred[:1]]
    return out


# sqlite3 dot-commands that print every row of the database (or of a table).
_DUMPS = {".dump", ".recover"}


def dumped(code: str) -> list[tuple[int, int, str]]:
    """(line, column, dot-command) of every sqlite3 call of a shell block that prints a dump of the database to the
    terminal (or into a pipe): one written into a file (`> salvaged.sql`) is not shown."""
    if "sqlite3" not in code:
        return []
    out = []
    for node in _walk(_parser().parse(code.encode()).root_node):
        if node.type != "command":
            continue
        argv = [_value(w) for w in _argv(node)]
        dump = next((a.split()[0] for a in argv[1:] if a.split()[:1] and a.split()[0] in _DUMPS), None)
        if not argv or argv[0].rsplit("/", 1)[-1] != "sqlite3" or dump is None:
            continue
        if not _into_file(node):
            out.append((node.start_point[0] + 1, node.start_point[1] + 1, dump))
    return out


def _into_file(node) -> bool:
    """Whether a command's standard output goes into a file: a `>`, `>>` or `&>` of it, or of a list holding it."""
    while node is not None:
        if node.type == "redirected_statement":
            for r in (c for c in node.children if c.type == "file_redirect"):
                fd = [c.text for c in r.children if c.type == "file_descriptor"]
                if fd in ([], [b"1"]) and any(c.text in (b">", b">>", b"&>", b">|") for c in r.children):
                    return True
        node = node.parent
    return False


@rule(
    "SEC014",
    "error",
    "a runbook's SQL returns no patient data: no content column of the app's schema (a note's text, a medication, an "
    "e-mail address, a name, a birth date) outside count() or length(), and no dump of the database to the terminal",
    "What a step's query prints lands in the terminal, the run transcript pasted into the incident's timeline, the "
    "drill's output and any screen share: a clinical note's content or a patient's medication there is health data "
    "disclosed. A diagnosis needs ids, states, times and counts. Deny by default, from the stand-in schema "
    "(data/app): a column is content unless it is a key, a number, a date, or a label with a default (status).",
    "select the ids, statuses and times only (or count(content), length(content)); read the content in the app, "
    "where access is logged",
)
def no_patient_data_selected(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    columns = cat.memoized(("patient sql", "columns"), lambda: content_columns(cat.project.app_schema))
    if not columns:
        return
    for s in spots(cat):
        if s.kind == "shell":
            for line, col, dump in dumped(s.code)[:1]:
                yield at(report, s, line, col, f"sqlite3 {dump} prints every row of the database, patient data with it")
        if s.kind not in ("shell", "sql") or "select" not in s.code.lower():
            continue
        for sql, line, col in sql_statements(s.code, s.kind):
            for offset, name in shown(sql, columns)[:1]:
                n = sql.count("\n", 0, offset)
                c = offset - (sql.rfind("\n", 0, offset) + 1) + (col if n == 0 else 1)
                yield at(report, s, line + n, c, f"the query returns {name}, patient data of the app's schema")
