"""Checker rule DEST039: a block marked destructive runs something the parse does not prove read-only."""

from __future__ import annotations

from playbook.checks.destructive import RUNNABLE, judged
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.same_commands import commands
from playbook.checks.tools import spots


@rule(
    "DEST039",
    "error",
    "a block marked `destructive: true` runs a command the parse does not prove read-only",
    "The danger box, the runner's prompt and the drills' care go to the blocks marked destructive. A mark on a block "
    "that only reads (`git log`) is a mark missing elsewhere: moved one block up while editing, it leaves the "
    "block that switches production (`vercel rollback --yes`) unmarked beside it, with its changes: and undo: "
    "still there, so it reads as reviewed while nothing asks before it runs.",
    "move `destructive: true` (with its changes: and undo:) to the block that writes; a block that only reads needs "
    "no mark",
    tools=True,
)
def destructive_blocks_write(ctx: CheckContext, report: Reporter):
    for s in spots(ctx.catalog):
        if s.destructive and s.kind in RUNNABLE and s.code.strip() and not judged(ctx.catalog, s):
            first = (commands(s.code).splitlines() or [""])[0]  # comments and blank lines left out
            message = f"destructive: true on a block whose commands the parse proves read-only ({first!r})"
            yield report(s.file, (*s.path[:-1], "destructive"), message)
