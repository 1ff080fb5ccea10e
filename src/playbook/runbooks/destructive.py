"""Which commands of a shell block are not proven read-only, from a real parse of the shell (tree-sitter-bash).

Deny by default: every command of the parse (inside pipelines, lists, loops, command substitutions, the string of
`watch` or `bash -c`) must be a read-only form of runbooks/readonly.py; every redirection must write to nowhere
(/dev/null, a descriptor); sqlite3 opens a file -readonly, and its SQL, wherever it comes from (an argument, `-cmd`,
a here-string, a heredoc, `echo` or `cat` piped into it), holds only read-only statement kinds (runbooks/sqlkind.py;
a write is placed at its line of a heredoc). SQL the block does not show (`< file`, `.read`, `-init`) is not proven."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

import tree_sitter_bash
from tree_sitter import Language, Node, Parser

from playbook.runbooks import sqlkind
from playbook.runbooks.readonly import names, not_read_only
from playbook.runbooks.toolcheck import SQLITE_VALUE_OPTIONS, opens_for_writing

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
    if node.type == "raw_string":
        return _text(node)[1:-1]
    if node.type == "string":
        inner = _text(node)[1:-1]
        for ch in '\\"$`':
            inner = inner.replace("\\" + ch, ch)
        return inner
    if node.type == "concatenation":
        return "".join(_value(c) for c in node.children)
    return _text(node)


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


def _argv(node: Node) -> list[Node]:
    skip = ("variable_assignment", "file_redirect", "herestring_redirect")
    words = [c for c in node.children if c.type not in skip and c.is_named]
    if words and words[0].type == "command_name":
        words = [words[0].named_children[0] if words[0].named_children else words[0], *words[1:]]
    return words


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


def _sqlite3(node: Node, args: list[str]) -> tuple[str, tuple[str, ...]]:
    """Why a sqlite3 call is not proven read-only, and what excuses it: the kinds of SQL that write, or `sqlite3`."""
    readonly, sql, db, k = False, [], None, 0
    while k < len(args):
        a, k = args[k], k + 1
        name = "-" + a.lstrip("-")
        if a.startswith("-") and name == "-init":
            return "`sqlite3 -init FILE` runs SQL the block does not show", ("sqlite3",)
        if a.startswith("-") and name in ("-A", "-archive"):
            return "`sqlite3 -A` manages an archive (it writes files)", ("sqlite3",)
        if a.startswith("-"):
            readonly |= name == "-readonly"
            if name in SQLITE_VALUE_OPTIONS and k < len(args):
                if name == "-cmd":
                    sql.append((args[k], False))
                k += 1
        elif db is None:
            db = a
        else:
            sql.append((a, False))
    if len(sql) == sum(1 for a in args if a == "-cmd"):  # no SQL argument: sqlite3 reads its standard input
        source, unseen = _stdin(node)
        if unseen:
            return f"`sqlite3` reads SQL {unseen}, which the block does not show", ("sqlite3",)
        sql.append((source, True))
    found = [w for text, script in sql for w in sqlkind.writes(text, readonly, script)]
    if found:
        what = ", ".join(dict.fromkeys(w.what for w in found))
        return f"`sqlite3` runs SQL that is not read-only ({what})", tuple(dict.fromkeys(w.kind for w in found))
    if not readonly and opens_for_writing(db):  # whatever it runs: a missing file is created, an empty database
        return f"`sqlite3` without -readonly opens {db} for writing (and creates it where it is missing)", ("sqlite3",)
    return "", ()


def _heredoc_write(node: Node, shift) -> tuple[int, int] | None:
    """Where the first write of the heredoc a sqlite3 call reads stands (the line to change); None if no heredoc."""
    holder = node.parent
    redirects = holder.children[1:] if holder is not None and holder.type == "redirected_statement" else []
    for body in (c for r in redirects if r.type == "heredoc_redirect" for c in r.children if c.type == "heredoc_body"):
        for w in sqlkind.writes(text := _text(body)):
            (row, col), lines = body.start_point, text.count("\n", 0, w.at)
            col = (col if lines == 0 else 0) + w.at - (text.rfind("\n", 0, w.at) + 1)
            return (shift[0] + row + lines + 1, (shift[1] if row + lines == 0 else 0) + col + 1)
    return None


def _stdin(node: Node) -> tuple[str, str]:
    """(text, '') of what a command reads on its standard input when the block shows it: a here-string or
    heredoc, or what `echo`, `printf` or `cat` prints into the pipe; ('', where from) when it does not."""
    redirects = list(node.children)
    holder = node.parent
    if holder is not None and holder.type == "redirected_statement" and holder.children[0] == node:
        redirects += holder.children[1:]
    for r in redirects:
        if r.type == "herestring_redirect":
            return "".join(_value(c) for c in r.named_children), ""
        if r.type == "heredoc_redirect":
            return "".join(_text(c) for c in r.children if c.type == "heredoc_body"), ""
        if r.type == "file_redirect" and any(_text(c) == "<" for c in r.children if not c.is_named):
            return "", f"from the file {_value(r.named_children[-1])}"
    pipe = node.parent
    if pipe is not None and pipe.type == "pipeline":
        before = [c for c in pipe.named_children if c.end_byte <= node.start_byte]
        if before:
            return _output(before[-1])
        if pipe.parent is not None and pipe.parent.type == "heredoc_redirect":  # cat <<SQL | sqlite3 db
            return _output(pipe.parent.parent.children[0])
    return "", "from the terminal"


def _output(node: Node) -> tuple[str, str]:
    """What a command prints into a pipe, as _stdin gives it."""
    inner = node.children[0] if node.type == "redirected_statement" else node
    argv = [_value(w) for w in _argv(inner)] if inner.type == "command" else []
    if argv[:1] == ["echo"]:
        return " ".join(a for a in argv[1:] if a not in ("-n", "-e", "-E")), ""
    if argv[:1] == ["printf"]:  # the format, or what fills it
        return (" ".join(argv[2:]) if "%" in (argv[1:2] or [""])[0] else " ".join(argv[1:2])), ""
    if argv == ["cat"]:
        return _stdin(inner)
    return "", f"from the output of `{(' '.join(argv) or _text(node))[:40]}`"


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
    out = []
    for argv in commands(code):
        if argv[0].rsplit("/", 1)[-1] != "sqlite3":
            continue
        args, positional, k = argv[1:], [], 0
        while k < len(args):
            a, k = args[k], k + 1
            if a.startswith("-"):
                k += "-" + a.lstrip("-") in SQLITE_VALUE_OPTIONS
            else:
                positional.append(a)
        out += [sql for sql in positional[1:] if not sql.lstrip().startswith(".")]
    return out


def commands(code: str) -> Iterator[list[str]]:
    """The words of each command of a shell block, from the command its wrappers run."""
    for node in _walk(_parser().parse(code.encode()).root_node):
        if node.type == "command":
            argv = [_value(w) for w in _argv(node)]
            i = _past_wrappers(argv)
            if i is not None and i < len(argv):
                yield argv[i:]
