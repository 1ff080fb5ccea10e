"""Checker rule DEST040: a command that writes never has its failure swallowed (`|| true`, `|| echo …`)."""

from __future__ import annotations

from playbook.checks.destructive import judged
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.runbooks.shellparse import _argv, _parser, _text, _value, _walk

# What always succeeds: after `||`, it turns any failure of the left side into success.
_SUCCEEDS = {"true", ":", "echo", "printf"}


def _always_succeeds(node) -> bool:
    """`node` (the right side of `||`) is a command that cannot fail: true, :, echo or printf (redirected or not)."""
    if node.type == "redirected_statement" and node.named_children:
        node = node.named_children[0]
    if node.type != "command":
        return False
    argv = [_value(w) for w in _argv(node)]
    return bool(argv) and argv[0] in _SUCCEEDS


def swallowed(code: str) -> list[tuple[int, int, int, int]]:
    """The spans ((row, col) to (row, col), 1-based rows, 0-based cols) of every left side of `A || B` where B always
    succeeds."""
    root = _parser().parse(code.encode()).root_node
    out = []
    for node in _walk(root):
        if node.type != "list" or len(node.named_children) < 2:
            continue
        ops = [_text(c) for c in node.children if not c.is_named]
        if ops != ["||"] or not _always_succeeds(node.named_children[-1]):
            continue
        left = node.named_children[0]
        out.append((left.start_point[0] + 1, left.start_point[1], left.end_point[0] + 1, left.end_point[1]))
    return out


@rule(
    "DEST040",
    "error",
    "a command the parse does not prove read-only never has its failure swallowed by `|| true`, `|| :` or `|| echo`",
    "A runbook block fails so that the reader and `playbook run` stop: a copy that did not happen (the corrupt "
    "database not kept, a full disk) must stop the walk before the restore that needs the copy. `cp … || echo "
    "'could not copy, going on'` turns that failure into success: the block passes, the walk goes on, and the "
    "restore runs without the copy it undoes from. A read that may fail (`sqlite3 -readonly … || true`) is fine.",
    "let the command fail (drop the `|| …`), or test the condition first and exit non-zero with a message "
    "(`cp … || { echo 'could not copy' >&2; exit 1; }`)",
    tools=True,
)
def failures_not_swallowed(ctx: CheckContext, report: Reporter):
    for s in spots(ctx.catalog):
        if s.kind != "shell" or not s.code.strip():
            continue
        spans = swallowed(s.code)
        if not spans:
            continue
        for d in judged(ctx.catalog, s):
            pos = (d.line, d.col - 1)
            if any((r0, c0) <= pos < (r1, c1) for r0, c0, r1, c1 in spans):
                message = f"the failure of {d.command!r} is swallowed: the block passes whether it ran or not"
                yield at(report, s, d.line, d.col, message)
