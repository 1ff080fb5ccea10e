"""Checker rule on how a shell block stops: `return` only inside a function it defines (DEST024)."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.runbooks.destructive import runs


def loose_returns(code: str) -> list[tuple[int, int, str]]:
    """(line, column, the command as typed) of each `return` of a shell block outside a function it defines."""
    out = []
    for node, _, argv in runs(code):
        if argv[0] != "return":
            continue
        up = node.parent
        while up is not None and up.type != "function_definition":
            up = up.parent
        if up is None:
            out.append((node.start_point[0] + 1, node.start_point[1] + 1, " ".join(argv)))
    return out


@rule(
    "DEST024",
    "error",
    "a shell block stops with `exit`: a `return` is only inside a function the block defines",
    "A block runs as a script of its own (`bash -c`: the drills, a responder's terminal), never as a function nor "
    "sourced. There `return` outside a function is refused (bash: only from a function or a sourced script) "
    "and bash goes on with the next line: the check that was to stop the block (a process still has the database "
    "open) prints its warning and the block carries on to its success message, exit 0, and the parts after it run "
    "under the writer. Only `set -e`, which the drills do not set, happens to stop it there.",
    "write `exit 1` (or the status the block means) in place of `return`",
)
def returns_in_functions(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for s in spots(cat):
        if s.kind != "shell" or "return" not in s.code:
            continue
        for line, col, command in cat.memoized(("dest", "returns", s.code), lambda s=s: loose_returns(s.code)):
            message = f"`{command}` outside a function: bash refuses it and goes on with the next line, so the block "
            yield at(report, s, line, col, message + "does not stop here")
