"""What SQL (and sqlite3 dot-commands) does, by statement kind read from a tokenization of the text.

Why not SQLite's compiler (an authorizer, `EXPLAIN`, `sqlite3_stmt_readonly`, which Python does not expose)?
Each of them compiles the statement against a schema, and a schema is what we cannot trust here: the
stand-in schema of data/app is not the production database. A statement naming a table the stand-in lacks
does not compile at all, and `DROP TABLE IF EXISTS X` compiles into nothing when X is unknown, so SQLite
reports no write for a statement that drops a table in production. What a statement does is fixed by
SQLite's grammar before any name is resolved: its first keyword (after `EXPLAIN`, which only compiles, or
after a `WITH` clause). Python's sqlite3 exposes no tokenizer either (only `complete_statement`), so the
tokens are read here following SQLite's lexical rules (tokenize.c): comments, quoted strings and names,
brackets, backticks, numbers, parameters, words. A statement is read-only when its kind is on the list below;
every other kind, and anything the tokens do not make a statement of, is a write.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""(?P<space>\s+)
    |(?P<comment>--[^\n]*|/\*(?:.|\n)*?(?:\*/|$))
    |(?P<string>[xX]?'(?:[^']|'')*(?:'|$))
    |(?P<name>"(?:[^"]|"")*(?:"|$)|\[[^\]]*(?:\]|$)|`(?:[^`]|``)*(?:`|$))
    |(?P<number>\.?\d[\w.]*)
    |(?P<param>[?:@$][\w$:]*)
    |(?P<word>[A-Za-z_\x80-\uffff][\w$\x80-\uffff]*)
    |(?P<op>[(),;]|\S)""",
    re.X,
)

# Statement kinds that never write. EXPLAIN only compiles the statement after it; a transaction's control
# statements write nothing by themselves; DETACH closes a database.
_READ = {"SELECT", "VALUES", "EXPLAIN", "BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", "DETACH"}
_WITH_BODY = {"SELECT", "VALUES", "INSERT", "UPDATE", "DELETE", "REPLACE"}
# PRAGMAs that read with an argument (`PRAGMA table_info(Note)`); others set what their argument says.
_PRAGMA_READ_ARG = {
    "integrity_check", "quick_check", "table_info", "table_xinfo", "table_list", "index_info", "index_xinfo",
    "index_list", "foreign_key_list", "foreign_key_check",
}  # fmt: skip
# PRAGMAs that act when named without a value (the others then report their value).
_PRAGMA_ACT = {"optimize", "wal_checkpoint", "incremental_vacuum"}
# PRAGMAs whose value lives in the connection only (not in the file): setting them changes no data.
_PRAGMA_CONNECTION = {"busy_timeout", "cache_size", "foreign_keys", "query_only", "temp_store", "trusted_schema"}
# SQL functions of the sqlite3 shell that write files or load code.
_WRITING_FUNCTIONS = {"writefile", "load_extension", "edit"}
# sqlite3 dot-commands that only read or set how results are shown; every other one writes a file (.output,
# .backup, .save), overwrites the database (.restore, .import), runs a program (.shell, .system), or runs what
# the block does not show (.read, .open, .load).
DOT_READ = {
    "dump", "recover", "schema", "fullschema", "tables", "indexes", "indices", "databases", "dbinfo", "headers",
    "header", "mode", "separator", "nullvalue", "width", "timeout", "bail", "echo", "print", "show", "stats",
    "timer", "changes", "eqp", "explain", "help", "lint", "quit", "exit", "prompt", "vfsinfo", "vfslist", "vfsname",
}  # fmt: skip


@dataclass(frozen=True)
class Token:
    kind: str  # word, name, string, number, param, op
    text: str
    at: int  # offset in the text


@dataclass(frozen=True)
class Write:
    """One statement or dot-command that is not proven read-only: where it starts in the text, and what it is."""

    at: int
    what: str  # e.g. DELETE, DROP TABLE, PRAGMA journal_mode =, .restore

    @property
    def kind(self) -> str:
        """Its statement kind, as a `safe:` names it to excuse it: DELETE, DROP TABLE, PRAGMA journal_mode, .restore."""
        return " ".join(self.what.split()[:2]) if self.what.startswith("PRAGMA ") else self.what


def tokens(sql: str) -> list[Token]:
    """The tokens of a SQL text, comments and white space left out."""
    out = []
    for m in _TOKEN.finditer(sql):
        kind = m.lastgroup or "op"
        if kind not in ("space", "comment"):
            out.append(Token(kind, m.group(), m.start()))
    return out


def statements(sql: str) -> list[list[Token]]:
    """The statements of a SQL text, as token lists (split at `;` outside quotes; empty ones dropped)."""
    out: list[list[Token]] = [[]]
    for t in tokens(sql):
        if t.kind == "op" and t.text == ";":
            out.append([])
        else:
            out[-1].append(t)
    return [s for s in out if s]


def _upper(t: Token | None) -> str:
    return t.text.upper() if t is not None and t.kind == "word" else ""


def statement_write(stmt: list[Token], readonly: bool = False) -> str:
    """What a statement writes ('' when its kind only reads). `readonly`: sqlite3 opened the database with
    -readonly, so ATTACH cannot create or write a file either."""
    first = _upper(stmt[0])
    if first == "WITH":
        depth = 0
        for t in stmt[1:]:
            depth += (t.text == "(") - (t.text == ")") if t.kind == "op" else 0
            if depth == 0 and _upper(t) in _WITH_BODY:
                first = _upper(t)
                break
    if first == "PRAGMA":
        return _pragma(stmt)
    if first == "ATTACH" and readonly:
        return ""
    if first in _READ:
        called = [a.text.lower() for a, b in zip(stmt, stmt[1:]) if a.kind == "word" and b.text == "("]  # noqa: B905
        return next((f"{f}()" for f in called if f in _WRITING_FUNCTIONS), "")
    if first in ("CREATE", "DROP", "ALTER"):
        words = [_upper(t) for t in stmt[1:4] if t.kind == "word"]
        kind = next((w for w in words if w in ("TABLE", "INDEX", "VIEW", "TRIGGER")), words[0] if words else "")
        return f"{first} {kind}".strip()
    return first or stmt[0].text


def _pragma(stmt: list[Token]) -> str:
    rest = [t for t in stmt[1:]]
    if len(rest) >= 3 and rest[1].text == ".":  # PRAGMA main.table_info(...)
        rest = rest[2:]
    name = rest[0].text.lower() if rest else ""
    value = rest[1].text if len(rest) > 1 else ""
    if value == "":
        return f"PRAGMA {name}" if name in _PRAGMA_ACT else ""
    if value == "(" and name in _PRAGMA_READ_ARG:
        return ""
    if name in _PRAGMA_CONNECTION:
        return ""
    return f"PRAGMA {name} {value}"


def dot_write(command: str) -> str:
    """What a sqlite3 dot-command writes or runs ('' when it only reads): `.restore`, `.output`, …"""
    name = command.lstrip()[1:].split(None, 1)[0] if command.strip() != "." else ""
    return "" if name in DOT_READ else f".{name}"


def cli_input(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each unit the sqlite3 shell reads from its input: a dot-command is one line starting
    with `.` outside a statement; SQL runs on to its `;`."""
    out: list[tuple[int, str]] = []
    start, pending, at = 0, "", 0
    for line in text.splitlines(keepends=True):
        if not tokens(pending) and line.lstrip().startswith("."):
            out.append((at, line.strip()))
            pending = ""
        else:
            if not pending:
                start = at
            pending += line
            if sqlite3.complete_statement(pending):  # the shell runs what it has at a complete statement
                out.append((start, pending))
                pending = ""
        at += len(line)
    if pending.strip():
        out.append((start, pending))
    return out


def writes(text: str, readonly: bool = False, script: bool = True) -> list[Write]:
    """Every statement or dot-command of `text` that writes. `script`: text is read as the sqlite3 shell reads
    its input (dot-command lines among the SQL); else it is one argument (a dot-command when it starts with `.`)."""
    units = cli_input(text) if script else [(0, text)]
    out: list[Write] = []
    for at, unit in units:
        if unit.lstrip().startswith("."):
            if what := dot_write(unit):
                out.append(Write(at + len(unit) - len(unit.lstrip()), what))
            continue
        for stmt in statements(unit):
            if what := statement_write(stmt, readonly):
                out.append(Write(at + stmt[0].at, what))
    return out


# The statements that write a server setting lastingly (into its configuration, beyond the session): PostgreSQL's
# ALTER SYSTEM and ALTER DATABASE/ROLE/USER … SET, MySQL's SET PERSIST/GLOBAL. Grammar words, hence a short list.
_LASTING_SET = {"PERSIST", "PERSIST_ONLY", "GLOBAL"}


def setting(stmt: list[Token]) -> str:
    """The server setting a statement changes lastingly (`ALTER SYSTEM SET max_connections = 500`: max_connections);
    '' for any other statement."""
    words = [_upper(t) for t in stmt]
    if words[:2] == ["ALTER", "SYSTEM"] and len(stmt) > 3 and words[2] in ("SET", "RESET"):
        return stmt[3].text.strip('"').lower()
    if words[:1] == ["ALTER"] and words[1:2] in (["DATABASE"], ["ROLE"], ["USER"]) and "SET" in words[3:]:
        k = words.index("SET", 3)
        return stmt[k + 1].text.strip('"').lower() if k + 1 < len(stmt) else ""
    if words[:1] == ["SET"] and len(stmt) > 2 and words[1] in _LASTING_SET:
        return stmt[2].text.strip("`").lower()
    return ""
