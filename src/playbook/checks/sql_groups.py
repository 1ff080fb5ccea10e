"""Checker rule on SQL grouping: a GROUP BY of one table's rows is never by a key of that table (TOOL023)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.runbooks.blockcheck import ToolMissing, split_sql, sql_database, sql_statements

_NAME = r'(?:"(\w+)"|`(\w+)`|\[(\w+)\]|(\w+))'
_FROM = re.compile(rf"(?is)\bFROM\s+{_NAME}(?:\s+(?:AS\s+)?(?!WHERE\b|GROUP\b|ORDER\b|LIMIT\b)(\w+))?")
_GROUP = re.compile(r"(?is)\bGROUP\s+BY\s+(.*?)(?=\bHAVING\b|\bORDER\b|\bLIMIT\b|\bWINDOW\b|;|\)|$)")
_COLUMN = re.compile(rf"^(?:{_NAME}\s*\.\s*)?{_NAME}$")
_MANY = re.compile(r"(?is)\bJOIN\b|\bUNION\b|\bINTERSECT\b|\bEXCEPT\b|\(\s*SELECT\b")


def table_keys(con: sqlite3.Connection) -> dict[str, list[set[str]]]:
    """Each table of the schema (lower case) and its keys: the column sets (lower case) its PRIMARY KEY and each
    UNIQUE index (or constraint) make unique, so that a row has its own value of each."""
    out: dict[str, list[set[str]]] = {}
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for t in tables:
        info = con.execute(f'PRAGMA table_info("{t}")').fetchall()
        keys = [{r[1].lower() for r in info if r[5]}] if any(r[5] for r in info) else []
        for idx in con.execute(f'PRAGMA index_list("{t}")').fetchall():
            if idx[2]:  # unique
                keys.append({r[2].lower() for r in con.execute(f'PRAGMA index_info("{idx[1]}")') if r[2]})
        out[t.lower()] = [k for k in keys if k]
    return out


def _name(groups: tuple) -> str | None:
    return next((g for g in groups if g), None)


def keyed_groups(sql: str, keys: dict[str, list[set[str]]]) -> Iterator[tuple[int, str, str]]:
    """(offset in `sql`, the grouped column, its table) of each GROUP BY of a statement that reads one table alone
    (no join, union or subquery) and groups it by columns holding one of that table's keys: one row a group. A
    HAVING makes it a search for the duplicates a broken index let in, and passes."""
    for stmt in split_sql(sql):
        base = sql.find(stmt)
        if _MANY.search(stmt) or not (frm := _FROM.search(stmt)) or not (grp := _GROUP.search(stmt)):
            continue
        if re.search(r"(?i)\bHAVING\b", stmt):
            continue  # a search for duplicates of a key (HAVING COUNT(*) > 1): a corrupt index lets them in
        table, alias = _name(frm.groups()[:4]), frm.group(5)
        if table is None or table.lower() not in keys or re.match(r"\s*,", stmt[frm.end() :]):
            continue  # another table, or a comma join
        names = {table.lower(), *([alias.lower()] if alias else [])}
        grouped: dict[str, int] = {}
        pos = grp.start(1)
        for item in grp.group(1).split(","):
            m = _COLUMN.match(item.strip())
            if m and ((q := _name(m.groups()[:4])) is None or q.lower() in names):
                grouped[_name(m.groups()[4:]).lower()] = pos + len(item) - len(item.lstrip())
            pos += len(item) + 1
        for key in keys[table.lower()]:
            if key <= set(grouped):
                column = min(key, key=lambda c: grouped[c])
                yield max(base, 0) + grouped[column], column, table
                break


@rule(
    "TOOL023",
    "error",
    "a GROUP BY of one table's rows is not by its primary key (or a UNIQUE column): each group would be one row",
    "`SELECT status, COUNT(*) FROM ClinicalNote GROUP BY id` runs, and prints one line per note with a count of 1: "
    "thousands of lines instead of one count per state, so the check shows nothing a responder can read. The app "
    "schema says which columns are unique (PRIMARY KEY, UNIQUE).",
    "group by the column the counts are per (a state, a user), not the table's key (data/app/clinical-os-schema.sql)",
    tools=True,
)
def groups_not_keyed(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog

    def load() -> dict[str, list[set[str]]]:
        try:
            return table_keys(sql_database(cat.project.app_schema))
        except (ToolMissing, sqlite3.Error, OSError):
            return {}  # TOOL004 says the schema is missing or broken

    keys = cat.memoized(("sql groups", "keys"), load)
    for s in spots(cat):
        if s.kind not in ("shell", "sql") or "group" not in s.code.lower():
            continue
        for sql, _line, _col in sql_statements(s.code, s.kind):
            start = s.code.find(sql)
            if start < 0:
                continue
            for offset, column, table in keyed_groups(sql, keys):
                k = start + offset
                line, col = s.code.count("\n", 0, k) + 1, k - (s.code.rfind("\n", 0, k) + 1) + 1
                message = f"GROUP BY {column}, a key of {table}: every group is one row (each count is 1)"
                yield at(report, s, line, col, message)
