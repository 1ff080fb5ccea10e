"""Which commands of a shell block are not proven read-only, from a real parse of the shell (tree-sitter-bash).

Deny by default: every command of the parse (inside pipelines, lists, loops, command substitutions, the string of
`watch` or `bash -c`) must be a read-only form of runbooks/readonly.py; every redirection must write to nowhere
(/dev/null, a descriptor); sqlite3 opens a file -readonly and runs read-only SQL only (runbooks/sqlite_input.py)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from tree_sitter import Node

from playbook.runbooks.readonly import names, not_read_only
from playbook.runbooks.shellparse import _argv, _parser, _text, _value, _walk
from playbook.runbooks.sqlite_input import _heredoc_write, _sqlite3
from playbook.runbooks.toolcheck import SQLITE_VALUE_OPTIONS

# Prefixes that run the command after them, with their options that take a value; `timeout` takes a duration.
_WRAPPERS = {
    "sudo": {"-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T"},
    "doas": {"-u", "-C"},
    "env": {"-u", "-C", "--unset", "--chdir"},
    "nohup": set(),
    "time": {"-f", "--format"},
    "command": set(),
    "exec": {"-a"},
    "nice": {"-n", "--adjustment"},
    "ionice": {"-c", "-n", "-p"},
    "stdbuf": {"-i", "-o", "-e"},
    "timeout": {"-s", "--signal", "-k", "--kill-after"},
    "xargs": {"-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s", "--arg-file", "--delimiter", "--max-args"},
}
# The wrappers that run the command as another user (root): what it creates, a file or a side file it opens
# (SQLite's -shm, even read-only), then belongs to that user, whom the app's own user cannot write as
_AS_ANOTHER_USER = {"sudo", "doas"}
_SHELLS = {"bash", "sh", "dash", "zsh"}
_RESERVED = {"do", "done", "then", "else", "elif", "fi", "esac", "in", "}", "]]", "{", "!", "[["}
_NOWHERE = ("/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty")


@dataclass(frozen=True)
class Danger:
    """A command not proven read-only: where it starts in the block (1-based), its words, why, and what a `safe:`
    names to excuse it (a program, an HTTP method, a SQL statement kind, a redirection: readonly.names)."""

    line: int
    col: int
    command: str
    reason: str
    names: tuple[str, ...] = ()


def unproven(code: str) -> list[Danger]:
    """Every command and redirection of a shell block that the parse does not prove read-only."""
    root = _parser().parse(code.encode()).root_node
    return list(_scan(root, (0, 0)))


def _scan(root: Node, shift: tuple[int, int]) -> Iterator[Danger]:
    for node in _walk(root):
        if node.type == "command":
            yield from _command(node, shift)
        elif node.type == "file_redirect":
            yield from _redirect(node, shift)


def _at(node: Node, shift: tuple[int, int]) -> tuple[int, int]:
    row, col = node.start_point
    return (shift[0] + row + 1, (shift[1] if row == 0 else 0) + col + 1)


def _redirect(node: Node, shift) -> Iterator[Danger]:
    op = next((_text(c) for c in node.children if not c.is_named), "")
    target = node.child_by_field_name("destination") or (node.named_children[-1] if node.named_children else None)
    if target is None or ">" not in op:
        return
    path = _value(target)
    if path.isdigit() or path == "-" or path in _NOWHERE or path.startswith("/dev/fd/"):
        return  # a descriptor (2>&1, >&2), or nowhere
    yield Danger(*_at(node, shift), f"{op} {path}", f"`{op}` writes the file {path}", (op,))


def _past_wrappers(argv: list[str]) -> int | None:
    """Where the command a command line runs starts, past its wrappers (`sudo -u root env A=1 timeout 5 cmd …`);
    None for `command -v NAME`, which looks a name up."""
    i = 0
    while i < len(argv) and argv[i].rsplit("/", 1)[-1] in _WRAPPERS:
        wrapper, i = argv[i].rsplit("/", 1)[-1], i + 1
        if wrapper == "command" and i < len(argv) and argv[i] in ("-v", "-V"):
            return None
        while i < len(argv) and (argv[i].startswith("-") or "=" in argv[i]):
            i += 1 + (argv[i] in _WRAPPERS[wrapper])
        if wrapper == "timeout" and i < len(argv) and argv[i][:1].isdigit():
            i += 1
    return i


def _command(node: Node, shift) -> Iterator[Danger]:
    words = _argv(node)
    argv = [_value(w) for w in words]
    i = _past_wrappers(argv)
    if i is None or i >= len(argv):
        return
    where, shown = _at(node, shift), " ".join(argv[i:])[:80]
    if words[i].type != "word" or "$" in _text(words[i]):
        yield Danger(*where, shown, "the command's name is an expansion: the parse cannot tell what runs", (argv[i],))
        return
    cmd, args = argv[i].rsplit("/", 1)[-1], argv[i + 1 :]
    if cmd in _RESERVED or argv[i].startswith("//"):
        return  # a stray `done` (bash -n refuses the block: TOOL001) or a `//` comment (RUN001): nothing of it runs
    if cmd in _SHELLS or cmd == "watch":
        yield from _string_run(cmd, words[i + 1 :], args, node, shift)
        return
    reason, what = _sqlite3(node, args) if cmd == "sqlite3" else (not_read_only(cmd, args), names(cmd, args))
    if reason:
        yield Danger(*((cmd == "sqlite3" and _heredoc_write(node, shift)) or where), shown, reason, what)
    elif users := [w for w in argv[:i] if w.rsplit("/", 1)[-1] in _AS_ANOTHER_USER]:  # a read, as root
        who = users[0].rsplit("/", 1)[-1]
        yield Danger(*where, " ".join(argv)[:80], f"`{who}` runs it as another user (root): a file it creates, even a "
                     "read's side file, then belongs to that user", (who,))  # fmt: skip


def _string_run(cmd: str, words: list[Node], args: list[str], node: Node, shift) -> Iterator[Danger]:
    """`bash -c STRING`, `watch [-n N] COMMAND…`: the command string parsed and judged as shell of its own."""
    k = 0
    if cmd == "watch":
        while k < len(args) and args[k].startswith("-"):
            k += 1 + (args[k] in ("-n", "--interval", "-d", "-q", "--equexit") and "=" not in args[k])
    else:
        k = args.index("-c") + 1 if "-c" in args else len(args)
    if k >= len(words):
        shown = " ".join([cmd, *args])[:80]
        yield Danger(*_at(node, shift), shown, f"`{cmd}` runs a script the block does not show", (cmd,))
        return
    first = words[k]
    text = " ".join(args[k:]) if cmd == "watch" else args[k]
    row, col = first.start_point
    inner = (shift[0] + row, (shift[1] if row == 0 else 0) + col + (first.type in ("string", "raw_string")))
    yield from _scan(_parser().parse(text.encode()).root_node, inner)


def programs(code: str) -> list[str]:
    """The programs a shell block runs, in order, each once, without a path ("/usr/bin/jq" is jq): each command's
    past its wrappers, and those of the command string `watch` or `sh -c` runs (the search's places)."""
    out: list[str] = []
    for argv in commands(code):
        out += [p for p in [argv[0].rsplit("/", 1)[-1]] if p not in out]
        if argv[0] in _SHELLS | {"watch"} and len(argv) > 1:
            out += [p for p in programs(argv[-1]) if p not in out]
    return out


def sqlite_statements(code: str) -> list[str]:
    """The SQL a shell block gives sqlite3 on its command line (its arguments after the database), no dot-command."""
    return [sql for _, _, argv in runs(code) if argv[0] == "sqlite3" for sql in client_sql(argv)]


# The options by which a SQL client takes the SQL it runs on its command line (psql -c, mysql -e): each client's
# manual, a short list as no client describes its options in a form to read.
SQL_OPTIONS = {"psql": ("-c", "--command"), "mysql": ("-e", "--execute"), "mariadb": ("-e", "--execute")}


def client_sql(argv: list[str]) -> list[str]:
    """The SQL texts a command (its program without a path, its arguments) gives a SQL client on its command line:
    sqlite3's arguments after the database (no dot-command), psql's -c, mysql's -e."""
    program, args = argv[0], argv[1:]
    if program == "sqlite3":
        positional, k = [], 0
        while k < len(args):
            a, k = args[k], k + 1
            if a.startswith("-"):
                k += "-" + a.lstrip("-") in SQLITE_VALUE_OPTIONS
            else:
                positional.append(a)
        return [sql for sql in positional[1:] if not sql.lstrip().startswith(".")]
    short, long = SQL_OPTIONS.get(program, ("", ""))
    out = []
    for k, a in enumerate(args):
        if short and a in (short, long) and k + 1 < len(args):
            out.append(args[k + 1])
        elif long and a.startswith(long + "="):
            out.append(a.split("=", 1)[1])
        elif short and a.startswith(short) and len(a) > 2 and not a.startswith("--"):
            out.append(a[2:])
    return out


def runs(code: str) -> Iterator[tuple[Node, list[Node], list[str]]]:
    """(command node, its words and their values from the program on, past its wrappers) of each command of a shell
    block; the program's name without its path."""
    for node in _walk(_parser().parse(code.encode()).root_node):
        if node.type == "command":
            words = _argv(node)
            argv = [_value(w) for w in words]
            i = _past_wrappers(argv)
            if i is not None and i < len(argv):
                yield node, words[i:], [argv[i].rsplit("/", 1)[-1], *argv[i + 1 :]]


def commands(code: str) -> Iterator[list[str]]:
    """The words of each command of a shell block, from the command its wrappers run."""
    for node in _walk(_parser().parse(code.encode()).root_node):
        if node.type == "command":
            argv = [_value(w) for w in _argv(node)]
            i = _past_wrappers(argv)
            if i is not None and i < len(argv):
                yield argv[i:]


def first_run(code: str, wanted: set[str] | frozenset[str]) -> tuple[int, int, str] | None:
    """(line, column, program) of the first command of a shell block that runs one of `wanted` (past its wrappers,
    without a path); None when none does."""
    for node in _walk(_parser().parse(code.encode()).root_node):
        if node.type == "command":
            argv = [_value(w) for w in _argv(node)]
            i = _past_wrappers(argv)
            if i is not None and i < len(argv) and (name := argv[i].rsplit("/", 1)[-1]) in wanted:
                return node.start_point[0] + 1, node.start_point[1] + 1, name
    return None


def excused_lines(code: str) -> list[tuple[int, int, str]]:
    """(line, column, fingerprint) of each line of each command of a shell block that the parse does not prove
    read-only (a command written over several lines, `\\` continued, gives one per line): its words as bash reads them,
    with the program they belong to, hashed short. A `safe:` reason is confirmed for these (DEST009): an edit of a
    word of an excused command changes that line's fingerprint, and nothing else's."""
    root = _parser().parse(code.encode()).root_node
    out: list[tuple[int, int, str]] = []
    for node in _walk(root):
        if node.type == "command" and next(_command(node, (0, 0)), None) is not None:
            words = _argv(node)
            argv = [_value(w) for w in words]
            i = _past_wrappers(argv) or 0
            program = argv[i].rsplit("/", 1)[-1] if i < len(argv) else ""
            rows: dict[int, list[Node]] = {}
            for w in [*words, *(c for c in node.children if c.type in ("file_redirect", "herestring_redirect"))]:
                rows.setdefault(w.start_point[0], []).append(w)
            for row, ws in sorted(rows.items()):
                out.append((row + 1, ws[0].start_point[1] + 1, _short(program, [_text(w) for w in ws])))
        elif (
            node.type == "file_redirect"
            and (node.parent is None or node.parent.type != "command")
            and next(_redirect(node, (0, 0)), None)
        ):
            out.append((node.start_point[0] + 1, node.start_point[1] + 1, _short(">", [_text(node)])))
    return out


def _short(program: str, words: list[str]) -> str:
    """A short hash of a command's words on one line (as typed, space-normalised), with its program's name."""
    text = program + "\x00" + "\x1f".join(" ".join(w.split()) for w in words)
    return hashlib.sha256(text.encode()).hexdigest()[:6]
