"""What a sqlite3 call of a shell block runs: its SQL wherever it comes from (an argument, `-cmd`, a here-string, a
heredoc, `echo` or `cat` piped into it), judged by statement kind (runbooks/sqlkind.py); SQL it reads from where the
block does not show it (`< file`, `-init`, a program's output, the terminal) is not proven read-only, and into a
database the block did not create it is a SQL write."""

from __future__ import annotations

import re

from tree_sitter import Node

from playbook.runbooks import sqlkind
from playbook.runbooks.shellparse import _argv, _text, _value, _walk
from playbook.runbooks.toolcheck import SQLITE_VALUE_OPTIONS, opens_for_writing


def _sqlite3(node: Node, args: list[str]) -> tuple[str, tuple[str, ...]]:
    """Why a sqlite3 call is not proven read-only, and what excuses it: the kinds of SQL that write, or `sqlite3`."""
    readonly, sql, db, k = False, [], None, 0
    while k < len(args):
        a, k = args[k], k + 1
        name = "-" + a.lstrip("-")
        if a.startswith("-") and name == "-init":
            into = _database(args)
            if (
                not any(o.lstrip("-") == "readonly" for o in args)
                and opens_for_writing(into)
                and not _own_file(node, into or "")
            ):
                why = (
                    f"`sqlite3 -init FILE` runs SQL the block does not show into {into}, a database the block did not "
                )
                return why + "create: a SQL write of statements nobody reviewed", (UNSEEN_SQL,)
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
        if unseen and not readonly and opens_for_writing(db) and not _own_file(node, db or ""):
            why = f"`sqlite3` runs SQL {unseen} (which the block does not show) into {db}, a database the block did "
            return why + "not create: a SQL write of statements nobody reviewed", (UNSEEN_SQL,)
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


# What a `safe:` names for SQL sqlite3 runs into a database the block did not create, from where the block does not
# show it (`< file`, a pipe from a program, -init, the terminal): statements of unknown kind, so a SQL write (DEST004
# never lets a safe: excuse it). Into a file of the block's own (a variable it sets to a new path) it stays `sqlite3`.
UNSEEN_SQL = "SQL"


def _database(args: list[str]) -> str | None:
    """The database operand of a sqlite3 call (its first operand, options and their values skipped)."""
    k = 0
    while k < len(args):
        a, k = args[k], k + 1
        if a.startswith("-"):
            k += "-" + a.lstrip("-") in SQLITE_VALUE_OPTIONS
        else:
            return a
    return None


def _own_file(node: Node, db: str) -> bool:
    """Whether `db` names a file of the block's own: a path made of variables the block sets itself (`salvaged=
    "${keep}salvaged.db"`), none of them a copy of another variable it does not set (`db=$DB_PATH`). A literal path
    or a variable from outside (a placeholder such as $DB_PATH) names a database that exists: deny by default."""
    root = node
    while root.parent is not None:
        root = root.parent
    assigned: dict[str, list[str]] = {}
    for n in _walk(root):
        if n.type == "variable_assignment" and n.named_children and n.named_children[0].type == "variable_name":
            value = n.named_children[1] if len(n.named_children) > 1 else None
            assigned.setdefault(_text(n.named_children[0]), []).append(_value(value) if value is not None else "")

    def own(name: str, seen: frozenset[str]) -> bool:
        if name not in assigned or name in seen:
            return False
        for value in assigned[name]:
            alias = _ALONE.fullmatch(value)
            if alias and not own(alias.group(1) or alias.group(2), seen | {name}):
                return False
        return True

    used = [a or b for a, b in _EXPANSION.findall(db)]
    return bool(used) and all(own(v, frozenset()) for v in used)


_EXPANSION = re.compile(r"\$\{(\w+)[^}]*\}|\$(\w+)")
_ALONE = re.compile(r"\$\{(\w+)\}|\$(\w+)")


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
