"""Checker rules on a block's work files: one of a fixed name is refused when it exists (DEST022), and one staged to
replace another is checked, then moved in (DEST023)."""

from __future__ import annotations

import re
from typing import NamedTuple

from playbook.checks.destroyed import operands
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.runbooks.shellparse import _parser, _text, _value, _walk
from playbook.runbooks.toolcheck import SQLITE_VALUE_OPTIONS

_VAR = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?")
_ONLY = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/?")
# The programs that write into their last operand (cp(1)'s shape), and those that create or fill each operand.
_INTO = frozenset({"cp", "rsync", "mv", "install", "ln"})
_CREATE = frozenset({"touch", "tee", "mkdir", "truncate"})
# The test operators that ask whether a file exists (`[[ -e F ]]`, `test -f F`).
_EXISTS = frozenset({"-e", "-f", "-s", "-a", "-d", "-L", "-h"})
_SAYS = frozenset({"echo", "printf", "exit", "return", "true", "false", ":"})


class Use(NamedTuple):
    """What one command does with a work file: write (create or fill it), guard (test it exists), source (copy or move
    it onto `onto`), gone (remove it), read."""

    line: int
    col: int
    what: str
    program: str = ""
    onto: str = ""


class Work(NamedTuple):
    """A variable a shell block assigns a fixed file name from a placeholder (`restoring="$DB_PATH.restoring"`), and
    what its commands do with that file, in order."""

    name: str
    line: int
    col: int
    uses: list[Use]
    base: str = ""  # the placeholder (or work file) its name is made from: `DB_PATH`
    value: str = ""  # its value as typed: `"$DB_PATH.restoring"`


def _var(node) -> str | None:
    """The variable a word is alone (`"$f"`, `${f}`, `"$keep/"`), if any."""
    m = _ONLY.fullmatch(_value(node))
    return m.group(1) if m else None


def works(code: str, placeholders: set[str]) -> list[Work]:
    """Each variable of a shell block assigned a fixed name made from a placeholder (or from another such variable)
    with more than the placeholder (a suffix: a new file, no `$(...)`: the same name on every run), and its uses."""
    root = _parser().parse(code.encode()).root_node
    fixed: dict[str, Work] = {}
    derived = set(placeholders)  # the names that expand to a placeholder's file or one made from it, each run alike
    for n in _walk(root):
        if n.type != "variable_assignment" or len(n.children) < 3:
            continue
        name, value = _text(n.children[0]), n.children[2]
        if any(c.type == "command_substitution" for c in _walk(value)):
            continue  # a name made anew each run (`$(date ...)`), or read from a program
        words = [c for c in n.children[2:] if c.is_named] if value.type != "array" else value.named_children
        bases = [v for w in words for v in _VAR.findall(_text(w)) if v in derived]
        if not bases:
            continue
        derived.add(name)
        literal = "".join(_text(c) for c in _walk(value) if c.type in ("string_content", "word") and not c.children)
        if value.type != "array" and not _ONLY.fullmatch(_value(value)) and literal.strip("\"'/"):
            at = (n.start_point[0] + 1, n.start_point[1] + 1)
            fixed.setdefault(name, Work(name, *at, [], bases[0], _text(value)))
    if fixed:
        for n in _walk(root):
            for name, use in _uses(n, fixed):
                fixed[name].uses.append(use)
    return [w for w in fixed.values() if w.uses]


def _uses(n, fixed: dict[str, Work]):
    """(variable, use) of each work file a node (a command, a test, a redirection) names."""
    line, col = n.start_point[0] + 1, n.start_point[1] + 1
    if n.type == "file_redirect" and n.children and _text(n.children[0]) in (">", ">>", ">|", "&>"):
        if (v := _var(n.children[-1])) in fixed:
            yield v, Use(line, col, "write", _text(n.children[0]))
    elif n.type == "unary_expression" and n.children and _text(n.children[0]) in _EXISTS:
        if (v := _var(n.children[-1])) in fixed:
            yield v, Use(line, col, "guard")
    elif n.type == "command":
        words = [c for c in n.children if c.is_named and c.type not in ("variable_assignment", "file_redirect")]
        argv = [_value(w) for w in words]
        if not argv:
            return
        program = argv[0].rsplit("/", 1)[-1]
        if program in ("test", "[") and len(argv) > 2 and argv[1] in _EXISTS and (v := _var(words[2])) in fixed:
            yield v, Use(line, col, "guard")
            return
        ops = operands(words[1:])
        if program == "sqlite3":
            db = _sqlite_db(argv)
            if db is not None and (v := _var(words[db])) in fixed:
                yield v, Use(line, col, "read" if "-readonly" in argv else "write", program)
            return
        if program in _INTO and len(ops) > 1:
            if (v := _var(ops[-1])) in fixed:
                yield v, Use(line, col, "write", program)
            for w in ops[:-1]:
                if (v := _var(w)) in fixed:
                    yield v, Use(line, col, "source", program, _value(ops[-1]))
            return
        for w in ops:
            if (v := _var(w)) not in fixed:
                continue
            if program in _CREATE:
                guarded = program == "mkdir" and not any(a.startswith("-p") or a == "--parents" for a in argv)
                yield v, Use(line, col, "write-new" if guarded else "write", program)
            elif program in ("rm", "unlink", "shred"):
                yield v, Use(line, col, "gone", program)
            elif program not in _SAYS:
                yield v, Use(line, col, "read", program)


def _sqlite_db(argv: list[str]) -> int | None:
    """The index of the database operand of a sqlite3 call."""
    k = 1
    while k < len(argv):
        a = argv[k]
        if a.startswith("-"):
            k += 2 if "-" + a.lstrip("-") in SQLITE_VALUE_OPTIONS else 1
            continue
        return k
    return None


def _works(ctx: CheckContext):
    cat = ctx.catalog
    names = {p.name for p in cat.meta.placeholders}
    for s in spots(cat):
        if s.kind == "shell" and (s.destructive or s.safe):
            yield s, cat.memoized(("dest", "works", s.code), lambda s=s: works(s.code, names))


@rule(
    "DEST022",
    "error",
    'a file of a fixed name a block creates or writes (`restoring="$DB_PATH.restoring"`) is refused first when it '
    "already exists: the block stops",
    "A work file named the same on every run (the restore's `$DB_PATH.restoring`, the salvage's salvaged.db) is "
    "found again by a second run: the partner who runs the same part at the same time, or the leftover of a run "
    "that was interrupted. Written into without a look, it mixes two runs' writes (one .restore into the file the "
    "other has just checked and is moving into place) or reuses a half-written copy without a word. Each such "
    "file, assigned from a placeholder with a fixed suffix, is tested for existence (`[[ -e F ]]` with an exit) "
    "before the block's first write into it (`mkdir` without -p refuses on its own).",
    'test it before the first write: `if [[ -e "$F" ]]; then echo "$F exists: ..." >&2; exit 1; fi`, as on_failure '
    "says",
)
def work_refused(ctx: CheckContext, report: Reporter):
    for s, found in _works(ctx):
        for w in found:
            writes = [u for u in w.uses if u.what.startswith("write")]
            if not writes or writes[0].what == "write-new":
                continue
            first = writes[0]
            if any(u.what == "guard" and u.line <= first.line for u in w.uses):
                continue
            shown = at(report, s, first.line, first.col, "").line
            message = f"${w.name} is named the same on every run and `{first.program}` (line {shown}) writes into it "
            message += "with no test that it does not exist yet: a second run, or an interrupted one's leftover, "
            yield at(report, s, w.line, w.col, message + "is written over or reused unchecked")


@rule(
    "DEST023",
    "error",
    "a work file a block writes and then puts in place of another is checked after it is written, and moved in "
    "(`mv`, one rename), never copied over",
    "A block that stages a copy (SQLite's .restore into `$DB_PATH.restoring`) and swaps it in promises that what "
    "replaces the live file passed a check. A check of another file (the backup, already checked by an earlier "
    "part) in its place lets a copy cut short by a full disk replace the database unchecked. And `cp` in place of "
    "`mv` rewrites the live file byte by byte, torn for a reader or a crash meanwhile, and leaves the work file "
    "behind, so the next run stops at its guard. Between the last write of the staged file and its move, a "
    "command reads that file (the check), and the move is `mv`.",
    'check the staged file itself (`sqlite3 -readonly "$F" "PRAGMA integrity_check;"`, stop unless ok), and '
    "swap it in with `mv -f --`",
)
def staged_checked(ctx: CheckContext, report: Reporter):
    for s, found in _works(ctx):
        for w in found:
            for use in (u for u in w.uses if u.what == "source"):
                writes = [u for u in w.uses if u.what.startswith("write") and u.line < use.line]
                if not writes or use.program not in ("mv", "cp"):
                    continue
                if use.program == "cp":
                    message = f"`cp` copies the staged ${w.name} over {use.onto}: the file is rewritten in place (torn "
                    message += f"for a reader or a crash meanwhile) and ${w.name} is left behind: move it with `mv`"
                    yield at(report, s, use.line, use.col, message)
                    continue
                if any(u.what == "read" and writes[-1].line < u.line < use.line for u in w.uses):
                    continue
                line, col = _other_check(s.code, writes[-1].line, use.line) or (use.line, use.col)
                shown = at(report, s, use.line, use.col, "").line
                message = f"${w.name} is moved over {use.onto} (line {shown}) with no check of it after it was written"
                yield at(report, s, line, col, message + (": this checks another file" if line != use.line else ""))


def _other_check(code: str, after: int, before: int) -> tuple[int, int] | None:
    """(line, column) of the first command between two lines that reads a file (a word expanding a variable) and
    only says nothing: the check in the place of the staged file's."""
    for n in _walk(_parser().parse(code.encode()).root_node):
        if n.type != "command" or not after < n.start_point[0] + 1 < before:
            continue
        words = [_value(c) for c in n.children if c.is_named and c.type != "file_redirect"]
        if (
            words
            and words[0] not in _SAYS
            and words[0] not in ("rm", "mv", "cp")
            and any(_VAR.search(a) for a in words)
        ):
            return n.start_point[0] + 1, n.start_point[1] + 1
    return None
