"""Checker rule on a tool's remove and its add back: the remove names the scope the add restores (DEST011)."""

from __future__ import annotations

from typing import NamedTuple

from playbook.checks.destroyed import REMOVE_VERBS
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.subcommands import VALUED
from playbook.checks.tools import at, spots
from playbook.runbooks.destructive import runs

# The subcommand words that put back what a remove verb (REMOVE_VERBS) took away (`vercel env add`, `kubectl create`,
# `aws ssm put-parameter`'s put): hand-written, the mirror of the remove verbs, as no tool sorts its subcommands.
ADD_VERBS = frozenset({"add", "set", "create", "put"})


class Sub(NamedTuple):
    """A tool's remove or add subcommand: where, the words before the verb (`vercel env`), the verb, its operands."""

    line: int
    col: int
    tool: tuple[str, ...]
    verb: str
    operands: tuple[str, ...]


def subcommands(code: str) -> list[Sub]:
    """Each command of a shell block that runs a tool's remove or add subcommand (`vercel env rm NAME production`),
    with its operands (options and their values left out)."""
    out = []
    for node, _, argv in runs(code):
        program = argv[0]
        valued = VALUED.get(program, set())
        k, words = 1, []
        while k < len(argv):
            a, k = argv[k], k + 1
            if a.startswith("-"):
                k += a in valued
            else:
                words.append(a)
        verb = next((j for j, w in enumerate(words) if w in REMOVE_VERBS | ADD_VERBS), None)
        if verb is not None and words[verb + 1 :]:
            tool, line, col = (program, *words[:verb]), node.start_point[0] + 1, node.start_point[1] + 1
            out.append(Sub(line, col, tool, words[verb], tuple(words[verb + 1 :])))
    return out


@rule(
    "DEST011",
    "error",
    "a tool's remove (`vercel env rm NAME production`) names every scope an add of the same name in its runbook "
    "gives (the environment), so it removes no more than is put back",
    "A remove subcommand whose scope argument is optional takes its default scope when the argument is left out: "
    "`vercel env rm NAME --yes` deletes the variable from every environment (preview and development too). The "
    "runbook's add of the same name (in the block, or in the block its undo points to) shows the scope the runbook "
    "means, and restores that one only: a remove wider than it deletes what neither changes: names nor undo: "
    "restores.",
    "write the scope the add names after the name (`vercel env rm NAME production --yes`); if every scope must go, "
    "say so in changes: and add each back in undo:",
    tools=True,
)
def remove_scope_restored(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    found = [(s, cat.memoized(("dest", "subs", s.code), lambda s=s: subcommands(s.code))) for s in spots(cat)]
    found = [(s, subs) for s, subs in found if s.kind == "shell" and subs]
    adds: dict[str, list[Sub]] = {}  # a runbook: the adds of its blocks
    for s, subs in found:
        adds.setdefault(s.file, []).extend(c for c in subs if c.verb in ADD_VERBS)
    for s, subs in found:
        if not s.destructive:
            continue  # an unmarked remove: DEST001's
        for c in subs:
            if c.verb not in REMOVE_VERBS:
                continue
            n = len(c.operands)
            for a in adds.get(s.file, []):
                if a.tool == c.tool and a.operands[0] == c.operands[0] and len(a.operands) > n:
                    scope = " ".join(a.operands[n:])
                    message = f"`{' '.join(c.tool)} {c.verb} {c.operands[0]}` leaves out the scope `{scope}` that "
                    message += f"`{' '.join(a.tool)} {a.verb}` gives it: it removes from every scope (its default), "
                    message += f"while only {scope} is added back"
                    yield at(report, s, c.line, c.col, message)
                    break
