"""Checker rule TOOL034: a block that reports a failure on stderr and then exits does not exit with success."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at_node, spots
from playbook.runbooks.shellparse import _parser, _walk


def _to_stderr(node: Node) -> bool:
    """Whether a statement writes to stderr: `… >&2` or `… 1>&2`."""
    redirects = [r.text.decode().replace(" ", "") for r in node.children if r.type == "file_redirect"]
    return node.type == "redirected_statement" and any(r in (">&2", "1>&2") for r in redirects)


def _exit_status(node: Node) -> str | None:
    """The status an `exit` command gives ("" when it gives none: the status of the command before), else None."""
    if node.type != "command" or not node.children or node.children[0].text != b"exit":
        return None
    args = [c.text.decode() for c in node.children[1:]]
    return args[0] if args else ""


def success_after_error(code: str) -> Iterator[Node]:
    """Each `exit` that exits with success (`exit 0`, or a bare `exit` after an echo, whose status is 0) right after a
    statement that wrote to stderr: the message says the block failed, the status says it did not."""
    for node in _walk(_parser().parse(code.encode()).root_node):
        statements = [c for c in node.named_children if c.type not in ("comment",)]
        for before, stmt in zip(statements, statements[1:], strict=False):
            if _to_stderr(before) and _exit_status(stmt) in ("0", ""):
                yield stmt


@rule(
    "TOOL034",
    "error",
    "a block that writes a failure to stderr and then exits exits non-zero (`exit 1`), not with success",
    "`playbook run` and a step's on_failure read the exit status, not the words: after 'the backup failed its "
    "integrity check: STOP' an `exit 0` reports success, the runner goes on to the next part (the restore of that "
    "very backup), and a script that calls the block sees nothing wrong.",
    "exit with a failure status after a failure message (`exit 1`), or write a message that is no failure to stdout",
    tools=True,
)
def failure_exits_non_zero(ctx: CheckContext, report: Reporter):
    for s in spots(ctx.catalog):
        if s.kind != "shell" or "exit" not in s.code or ">&2" not in s.code:
            continue
        for node in success_after_error(s.code):
            message = f"`{node.text.decode()}` right after a message on stderr: the block says it failed, its status"
            yield at_node(report, s, node, message + " says it succeeded")
