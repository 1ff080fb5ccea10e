"""Commands that change production or data, from a real parse of the shell (tree-sitter-bash) and of SQL (SQLite)."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import tree_sitter_bash
from tree_sitter import Language, Node, Parser

# Prefixes that run the command after them (their own options skipped); `watch`/`sh -c` run a string.
_WRAPPERS = {"sudo", "env", "nohup", "time", "command", "exec", "nice", "timeout", "xargs", "doas"}
_STRING_RUNNERS = {"watch", "bash", "sh"}
_DELETE = {"rm": "deletes files", "rmdir": "deletes folders", "shred": "destroys files", "unlink": "deletes a file"}
_SERVICE_VERBS = {"restart", "stop", "start", "reload", "try-restart", "reload-or-restart", "kill", "disable", "mask"}
_VERCEL = {"deploy", "rollback", "promote", "redeploy", "remove", "rm"}
_SAFE_PATHS = ("/dev/null", "/dev/stdout", "/dev/stderr", "/tmp/")
# SQLite authorizer actions that write (sqlite3.SQLITE_*): what a statement does, from SQLite's own compiler.
_SQL_WRITES = {
    getattr(sqlite3, name): name.removeprefix("SQLITE_").replace("_", " ").lower()
    for name in dir(sqlite3)
    if name.startswith(("SQLITE_INSERT", "SQLITE_UPDATE", "SQLITE_DELETE", "SQLITE_DROP_", "SQLITE_CREATE_"))
    or name in ("SQLITE_ALTER_TABLE", "SQLITE_ATTACH", "SQLITE_DETACH")
}
_SQL_WRITE_WORDS = {"INSERT", "UPDATE", "DELETE", "DROP", "REPLACE", "ALTER", "CREATE", "VACUUM", "REINDEX"}


@dataclass(frozen=True)
class Danger:
    """A command that changes something: where it starts in the block (1-based), its words, and why."""

    line: int
    col: int
    command: str
    reason: str


@functools.cache
def _parser() -> Parser:
    return Parser(Language(tree_sitter_bash.language()))


def parse_errors(code: str) -> list[tuple[int, int]]:
    """(line, column) of every spot tree-sitter-bash could not parse (empty when the whole block parses)."""
    root = _parser().parse(code.encode()).root_node
    return [(n.start_point[0] + 1, n.start_point[1] + 1) for n in _walk(root) if n.is_error or n.is_missing]


def _walk(node: Node) -> Iterator[Node]:
    yield node
    for c in node.children:
        yield from _walk(c)


def _text(node: Node) -> str:
    return node.text.decode("utf-8", "replace")


def _value(node: Node) -> str:
    """A word as bash reads it, quotes removed ($NAME expansions kept as written)."""
    if node.type in ("raw_string", "string"):
        return _text(node)[1:-1]
    if node.type == "concatenation":
        return "".join(_value(c) for c in node.children)
    return _text(node)


def _names(node: Node) -> set[str]:
    return {_text(n) for n in _walk(node) if n.type == "variable_name"}


def dangers(code: str, placeholders: set[str], sql_writes: Callable[[str], list[str]]) -> list[Danger]:
    """Every command of a shell block that deletes, overwrites, restarts, deploys, rolls back or writes SQL.

    `sql_writes(sql)` names what a SQL text writes (empty when it only reads).
    """
    root = _parser().parse(code.encode()).root_node
    return list(_scan(root, placeholders, sql_writes, (0, 0)))


def _scan(root: Node, names: set[str], sql_writes, shift: tuple[int, int]) -> Iterator[Danger]:
    for node in _walk(root):
        if node.type == "command":
            yield from _command(node, names, sql_writes, shift)
        elif node.type == "file_redirect":
            yield from _redirect(node, names, shift)


def _at(node: Node, shift: tuple[int, int]) -> tuple[int, int]:
    row, col = node.start_point
    return (shift[0] + row + 1, (shift[1] if row == 0 else 0) + col + 1)


def _redirect(node: Node, names: set[str], shift) -> Iterator[Danger]:
    op = next((_text(c) for c in node.children if not c.is_named), "")
    target = node.child_by_field_name("destination") or (node.named_children[-1] if node.named_children else None)
    if target is None or ">" not in op or op.startswith("&") and op != "&>":
        return
    path, used = _value(target), _names(target) & names
    if used and not path.startswith(_SAFE_PATHS):
        how = "appends to" if ">>" in op else "overwrites"
        yield Danger(*_at(node, shift), f"{op} {path}", f"`{op}` {how} the data file ${sorted(used)[0]}")


def _command(node: Node, names: set[str], sql_writes, shift) -> Iterator[Danger]:
    words = [c for c in node.children if c.type not in ("variable_assignment", "file_redirect", "herestring_redirect")]
    words = [w for w in words if w.is_named]
    if words and words[0].type == "command_name":
        words = [words[0].named_children[0] if words[0].named_children else words[0], *words[1:]]
    argv = [_value(w) for w in words]
    i = 0
    while i < len(argv) and argv[i].rsplit("/", 1)[-1] in _WRAPPERS:  # sudo -u root env A=1 cmd …
        i += 1
        while i < len(argv) and (argv[i].startswith("-") or "=" in argv[i] or argv[i - 1] in ("-u", "-g", "-n")):
            i += 1
        if i < len(argv) and argv[i - 1] == "timeout" and argv[i][:1].isdigit():
            i += 1
    if i >= len(argv):
        return
    cmd, args, where = argv[i].rsplit("/", 1)[-1], argv[i + 1 :], _at(node, shift)
    shown = " ".join(argv[i:])[:80]
    if cmd in _STRING_RUNNERS:
        inner = words[-1] if cmd == "watch" or "-c" in args else None
        if inner is not None and inner.type in ("string", "raw_string") and len(words) > i + 1:
            sub = _parser().parse(_value(inner).encode()).root_node
            row, col = inner.start_point
            yield from _scan(sub, names, sql_writes, (shift[0] + row, (shift[1] if row == 0 else 0) + col + 1))
        return
    reason = _reason(cmd, args, names, words[i + 1 :], node, sql_writes)
    if reason:
        yield Danger(*where, shown, reason)


def _operands(args: list[str]) -> list[str]:
    return [a for a in args if not a.startswith("-")]


def _reason(cmd: str, args: list[str], names: set[str], words: list[Node], node: Node, sql_writes) -> str:
    ops = _operands(args)
    if cmd in _DELETE:
        return f"`{cmd}` {_DELETE[cmd]}"
    if cmd == "find" and ("-delete" in args or any(a in ("rm", "shred") for a in args)):
        return "`find -delete` deletes files"
    if cmd == "dd":
        return "`dd` writes raw data onto a file or device"
    if cmd == "truncate":
        return "`truncate` cuts a file"
    if cmd in ("cp", "mv", "install", "rsync") and len(ops) >= 2:
        dest_words = [w for w in words if not _value(w).startswith("-")]
        dest = dest_words[-1] if dest_words else None
        used = sorted(_names(dest) & names) if dest is not None else []
        fresh = dest is not None and (
            _value(dest).startswith(_SAFE_PATHS) or any(n.type == "command_substitution" for n in _walk(dest))
        )
        if used and not fresh:
            return f"`{cmd}` overwrites the data at ${used[0]} (a copy to /tmp or to a new timestamped name is not)"
        moved = sorted(set().union(*(_names(w) for w in dest_words[:-1])) & names) if cmd == "mv" else []
        if moved:
            return f"`mv` takes ${moved[0]} away from where the app reads it"
        return ""
    if cmd in ("systemctl", "service"):
        verb = next((a for a in ops if a in _SERVICE_VERBS), None)
        return f"`{cmd} {verb}` changes a running service" if verb else ""
    if cmd == "vercel":
        sub = ops[0] if ops else ""
        if sub in _VERCEL:
            return f"`vercel {sub}` changes the production deployment"
        if sub == "env" and len(ops) > 1 and ops[1] in ("rm", "remove", "add", "update"):
            return f"`vercel env {ops[1]}` changes production settings"
        if not ops or sub.startswith("."):
            return "`vercel` with no command deploys"
        return ""
    if cmd == "git":
        sub = ops[0] if ops else ""
        if sub == "push":
            return "`git push` changes the shared repository (and may deploy)"
        if (sub == "reset" and "--hard" in args) or sub == "clean":
            return f"`git {sub}` discards work"
        return ""
    if cmd in ("kill", "pkill", "killall"):
        return f"`{cmd}` stops running processes"
    if cmd in ("docker", "kubectl") and ops and ops[0] in ("rm", "rmi", "stop", "restart", "kill", "delete", "rollout"):
        return f"`{cmd} {ops[0]}` changes running services"
    if cmd == "sqlite3":
        sql = [a for a in ops[1:]] if len(ops) >= 2 else []
        redirect = node.parent if node.parent is not None and node.parent.type == "redirected_statement" else None
        if redirect is not None:
            sql += [_text(n) for n in _walk(redirect) if n.type in ("heredoc_body", "herestring_redirect")]
        writes = [w for s in sql for w in sql_writes(s)]
        if writes and "-readonly" not in args:
            return f"`sqlite3` runs SQL that writes ({', '.join(dict.fromkeys(writes))})"
    return ""


def sql_writes_with(con: sqlite3.Connection, explain) -> Callable[[str], list[str]]:
    """`sql_writes(sql)`: what a SQL text writes, from SQLite's authorizer while it compiles each statement
    against the app's schema (`explain(con, stmt, watch)`); a statement that does not compile (a table the
    schema lacks) is judged by its first keyword, as SQLite's tokenizer reads it."""
    from playbook.runbooks.blockcheck import split_sql

    def writes(sql: str) -> list[str]:
        out: list[str] = []
        for stmt in split_sql(sql):
            if stmt.startswith((".restore", ".import")):  # sqlite3 shell commands that overwrite
                out.append(stmt.split(None, 1)[0])
                continue
            seen: list[str] = []

            def watch(action: int, table: str | None, *_, seen: list[str] = seen) -> None:
                if not (table or "").startswith("sqlite_"):  # DROP also edits sqlite_master: not news
                    seen.append(_SQL_WRITES.get(action, ""))

            if explain(con, stmt, watch):
                word = stmt.lstrip("( \n\t").split(None, 1)[0].upper() if stmt.strip() else ""
                seen = [word.lower()] if word in _SQL_WRITE_WORDS else []
            out += [s for s in seen if s]
        return out

    return writes
