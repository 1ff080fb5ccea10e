"""Checker rule on a step's text: it never frees the order of blocks a check gates (DEST026)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.ordered import stops
from playbook.data.kinds import prose
from playbook.data.walk import runbooks, step_blocks

# English words that free the order of a step's parts ("in any order", "in parallel", "independently", "the order
# does not matter"): about the order itself, not a list of actions; a clause that negates them ("never in parallel")
# keeps it.
_FREE = re.compile(
    r"(?i)\b(?:in\s+(?:any|either|whichever|whatever|no\s+particular)\s+order|(?:in\s+)?any\s+order"
    r"|in\s+parallel|at\s+the\s+same\s+time|simultaneously|concurrently|independently(?:\s+of\s+each\s+other)?"
    r"|(?:the\s+)?order\s+(?:does\s+not|doesn't|do\s+not|don't)\s+matter)\b"
)
_NOT = re.compile(r"(?i)\b(?:not|never|no)\s+(?:\w+\s+){0,3}$|n't\s+(?:\w+\s+){0,3}$")


def gated(step) -> tuple[int, int] | None:
    """(the gate's index, the destructive block's index) when a block that stops the walk on failure (on_failure
    next: stop, or an `exit N` of its own) comes before a destructive block of the step; None otherwise."""
    gate = None
    for j, (_, b) in enumerate(step_blocks(step)):
        if b.kind == "shell" and b.destructive and gate is not None:
            return gate, j
        if b.kind == "shell" and ((b.on_failure and b.on_failure.next == "stop") or stops(b.code)):
            gate = j if gate is None else gate
    return None


def freed(text: str) -> str | None:
    """The words of a text that free the order of its step's parts, not negated, or None."""
    for m in _FREE.finditer(text):
        if not _NOT.search(text[max(0, m.start() - 40) : m.start()]):
            return m.group(0)
    return None


@rule(
    "DEST026",
    "error",
    "a step's text never frees the order of its parts when a check of one gates a destructive part after it",
    "Blocks after a check that stops the walk (on_failure next: stop: no writer left, the corrupt file kept, the "
    'backup checked) rely on it: the destructive part checks none of it again. A text that frees the order ("run '
    'the parts in any order", "in parallel", "independently") invites the destructive part first: a restore under '
    "a live writer, over a corrupt database nobody kept (no undo, nothing to salvage). The dependency is read from "
    "the blocks (a gate before a destructive block), the order-freeing words from the step's own texts.",
    'say the parts run in order ("Run the parts in order: each one stops when it is not safe to go on")',
)
def order_kept(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, rb in runbooks(cat):
        for i, step in enumerate(rb.steps):
            if gated(step) is None:
                continue
            for path, text in prose(step):
                if path[:1] in (("blocks",), ("options",)):
                    continue  # a block's own texts speak of that block
                if said := freed(text or ""):
                    message = f"{said!r}: the text frees the order of the step's parts, but a check of one gates "
                    yield report(file, ("steps", i, *path), message + "a destructive part after it", needle=said)
