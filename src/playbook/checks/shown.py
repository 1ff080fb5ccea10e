"""Checker rule on illustrations: a block of kind illustration runs nothing that is not proven read-only (DEST018)."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.runbooks.destructive import programs, unproven
from playbook.runbooks.readonly import FORMS


def run_in(code: str, known: frozenset[str]) -> list[tuple[int, int, str, str]]:
    """(line, column, program, why) of each command of a text read as shell whose program is one of `known` and that
    the parse does not prove read-only (prose read as shell runs programs no one knows: "Status: …")."""
    out = []
    for d in unproven(code):
        program = d.command.split(" ", 1)[0].rsplit("/", 1)[-1]
        if program in known:
            out.append((d.line, d.col, program, d.reason))
    return out


@rule(
    "DEST018",
    "error",
    "a block of kind illustration holds no command a runnable block could run that is not proven read-only",
    "An illustration is shown, never checked: no tool reads it, it gets no destructive mark, changes:, undo: or "
    "confirmation. Readers copy it all the same, so a real write hidden there (`curl -X POST` to the status page "
    "API, which opens a public incident and e-mails every subscriber) runs unguarded. Deny by default: an "
    "illustration is read as shell, and each command of it whose program the playbook knows (one its runnable blocks "
    "run, or one with a read-only form of its own) must be proven read-only as a runnable block's would be.",
    "make it a `shell` block (then mark it destructive: true, with changes: and undo:), or show the message "
    "without the command",
)
def illustrations_run_nothing(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    shown = [s for s in spots(cat) if s.kind == "illustration"]
    if not shown:
        return
    ran = cat.memoized(
        ("dest", "programs"), lambda: [p for s in spots(cat) if s.kind == "shell" for p in programs(s.code)]
    )
    known = frozenset(ran) | frozenset(FORMS)
    for s in shown:
        found = cat.memoized(("dest", "shown", s.code), lambda s=s: run_in(s.code, known))
        if found and s.destructive:  # marked destructive, with its changes: and undo:: the kind is what moved
            line, col, program, why = found[0]
            message = f"a destructive block that runs `{program}` ({why}) is of kind illustration: it is shown as a "
            message += "picture, never confirmed with its danger box, yet readers copy and run it"
            yield report(s.file, (*s.path[:-1], "kind"), message, "make it `kind: shell` again")
            continue
        for line, col, program, why in found:
            message = f"this illustration runs `{program}`, which is not proven read-only ({why}): "
            yield at(report, s, line, col, message + "readers copy it, yet as an illustration it is never checked")
