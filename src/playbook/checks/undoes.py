"""Checker rule on a destructive block's undo: the commands it gives delete nothing beyond what the block changed
(DEST025)."""

from __future__ import annotations

import re

from playbook.checks.destroyed import operand, removals
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import spots
from playbook.data.walk import blocks
from playbook.runbooks.destructive import runs

_SPAN = re.compile(r"`([^`\n]+)`")


def sweep(argv: list[str]) -> str | None:
    """What a command deletes that it does not name, decided by a comparison or a filter (None when it deletes only
    its operands): rsync's --delete options (every file of the target the source lacks), find's -delete, git clean
    (every untracked file), a tool's prune (everything unused). Hand-written from those tools' manuals."""
    program = argv[0]
    if program == "rsync" and (o := next((a for a in argv if a.startswith("--del")), None)):
        return f"`rsync {o}` deletes every file of the target folder that the source lacks"
    if program == "find" and "-delete" in argv:
        return "`find -delete` deletes every file its tests match"
    if program == "git" and "clean" in argv[1:3]:
        return "`git clean` deletes every untracked file of the work tree"
    if "prune" in argv[1:3]:
        return f"`{program} prune` deletes everything it finds unused"
    return None


def undone(text: str, defaults: dict[str, str | None]) -> list[tuple[str, str]]:
    """(the code as written, what it deletes beyond its operands or which placeholders it removes) of each command
    an undo: text gives in backticks that sweeps or removes a placeholder's file."""
    out = []
    for m in _SPAN.finditer(text):
        code = m.group(1)
        for _, _, argv in runs(code):
            if said := sweep(argv):
                out.append((code, said))
        for _, program, words in removals(code):
            names = [n for w in words for n in operand(w, defaults)]
            out += [(code, f"`{program}` removes ${n}") for n in dict.fromkeys(names)]
    return out


@rule(
    "DEST025",
    "error",
    "the commands a destructive block's undo: gives delete nothing the block did not change: no sweep (`rsync "
    "--delete`, `find -delete`, `git clean`), no placeholder's file its changes: does not name",
    "The undo is shown in the danger box before the runner asks to confirm: it is the way back a responder trusts "
    "when the block went wrong, run under stress. An undo that restores with a sweep (`rsync -a --delete` of a kept "
    "folder onto the database's folder) deletes every file there the copy lacks: the schema, the migrations and the "
    "backup, the one good copy. One that removes a placeholder's file the block never changed (`rm $DB_BACKUP`) "
    "destroys what the block left alone. Each command in backticks of undo: is parsed: a sweep is refused, and a "
    "removing command's placeholder operands (DEST010's) are named in the block's changes:.",
    "restore by copying the named files back (`cp -p` of each kept file), so the undo touches only what changes: names",
)
def undo_only_restores(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    defaults = {p.name: p.default for p in cat.meta.placeholders}
    for s, (_, _, block) in zip(spots(cat), blocks(cat), strict=True):
        if not s.destructive or not block.undo or "`" not in block.undo:
            continue
        said = block.changes or ""
        found = cat.memoized(("dest", "undone", block.undo), lambda b=block: undone(b.undo, defaults))
        for code, what in found:
            name = what.rsplit("$", 1)[-1] if "removes $" in what else None
            if name and (re.search(rf"\b{name}\b", said) or (defaults.get(name) or "\0") in said):
                continue
            detail = f"{what}, which the block's changes: does not name" if name else what
            message = f"the undo runs `{code}`: {detail}"
            yield report(s.file, (*s.path[:-1], "undo"), message, needle=code)
