"""Checker rule on a block's work file that is read or moved in but never written: the write went to another file
(DEST028)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.checks.workfiles import _SAYS, Use, Work, _uses, _var, _works
from playbook.runbooks.shellparse import _parser, _text, _value, _walk


def writes_of(code: str, name: str) -> list[Use]:
    """Each command or redirection of a shell block that writes the file a variable (a placeholder) names."""
    fixed = {name: Work(name, 0, 0, [])}
    return [u for n in _walk(_parser().parse(code.encode()).root_node) for _, u in _uses(n, fixed) if "write" in u.what]


def unwritten(code: str, w: Work) -> tuple[Use, Use | None] | None:
    """(the first read or move of a work file no earlier command of the block writes, the command meant to write it:
    one before that use that writes the file it is made from, else one that names it in a string and does not write
    it: `sqlite3 "$DB_BACKUP" ".restore '$restoring'"`), or None when the work file is written first."""
    used = [u for u in w.uses if u.what in ("read", "source")]
    if not used or any(u.what.startswith("write") and u.line <= used[0].line for u in w.uses):
        return None
    before = [u for u in writes_of(code, w.base) if u.line < used[0].line] if w.base else []
    return used[0], (before[0] if before else _naming(code, w.name, w.line, used[0].line))


def _naming(code: str, name: str, after: int, before: int) -> Use | None:
    """The first command between two lines that names a variable inside one of its words and says nothing (no echo)."""
    shape = re.compile(rf"\$\{{?{name}\b")
    for n in _walk(_parser().parse(code.encode()).root_node):
        line = n.start_point[0] + 1
        if n.type != "command" or not after < line < before or not shape.search(_text(n)):
            continue
        words = [_value(c) for c in n.children if c.is_named and c.type not in ("variable_assignment", "file_redirect")]
        if words and words[0] not in _SAYS and not any(_var(c) == name for c in n.children if c.is_named):
            return Use(line, n.start_point[1] + 1, "names", words[0])
    return None


@rule(
    "DEST028",
    "error",
    "a work file a block reads or moves in (`$DB_PATH.restoring`, staged by the block) is written by an earlier "
    "command of it, not the file it is made from",
    "A block that stages a copy (SQLite's .restore into `$DB_PATH.restoring`), checks it and moves it in is safe "
    "because the live file is touched once, by the move, after the check. Point the write at the file the work file "
    "is made from (`.restore` into `$DB_PATH`) and the live database is overwritten first, with its stale -wal still "
    "beside it, unchecked; the check then reads a work file nothing wrote and stops the block with a false message "
    "after the damage, which changes: and undo: do not describe. A work file the block reads or moves that no "
    "earlier command of the block (or another block of its page) writes is a write gone elsewhere.",
    'write the work file (`sqlite3 "$restoring" ".restore \'$DB_BACKUP\'"`) and let the move put it in place',
)
def staged_file_written(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    shell = [s for s in spots(cat) if s.kind == "shell"]
    for s, found in _works(ctx):
        for w in found:
            if (
                missing := cat.memoized(("dest", "unwritten", s.code, w.name), lambda s=s, w=w: unwritten(s.code, w))
            ) is None:
                continue
            use, elsewhere = missing
            shown = at(report, s, use.line, use.col, "").line
            if elsewhere is not None and elsewhere.what == "names":
                message = f"`{elsewhere.program}` names ${w.name} ({w.value}) but does not write it, and line {shown} "
                message += f"{'moves' if use.what == 'source' else 'reads'} it: no command of the block writes it"
                yield at(report, s, elsewhere.line, elsewhere.col, message + " (its operands swapped?)")
            elif elsewhere is not None:
                message = f"`{elsewhere.program or 'a redirection'}` writes ${w.base} itself, where line {shown} "
                message += f"{'moves' if use.what == 'source' else 'reads'} ${w.name} ({w.value}), which no command "
                yield at(report, s, elsewhere.line, elsewhere.col, message + "of the block writes")
            elif not any(o.file == s.file and o is not s and w.value.strip("\"'") in o.code for o in shell):
                message = f"${w.name} ({w.value}) is {'moved' if use.what == 'source' else 'read'} here, but no "
                yield at(report, s, use.line, use.col, message + "earlier command of the block (or its page) writes it")
