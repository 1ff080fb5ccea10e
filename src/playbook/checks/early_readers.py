"""Checker rule DEST032: no pipeline feeds a reader that stops early (head, grep -q): pipefail fails the step."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.pipe_outputs import _program, _stage
from playbook.checks.tools import SHELL_KINDS, at, spots
from playbook.runbooks.shellparse import _parser, _walk

# Writers whose whole output is their arguments: written before any reader can close the pipe
_SMALL = frozenset({"echo", "printf", "true", "false"})


def _small(program: str, args: list[str]) -> bool:
    """Whether a writer prints a line or so, all written before any reader can close the pipe: its arguments
    (echo, printf), a count (wc, grep -c)."""
    if program in _SMALL or program == "wc":
        return True
    return program == "grep" and any(
        a in ("-c", "--count") or (a[:1] == "-" and a[1:].isalpha() and "c" in a) for a in args
    )


def stops_early(program: str, args: list[str]) -> str | None:
    """How a reader closes its end of a pipe before the writer is done, as written; None when it reads to the end.
    head stops after its lines; grep -q at the first match, grep -m N after N (their manuals)."""
    if program == "head":
        return "head"
    if program == "grep":
        for a in args:
            if a in ("-q", "--quiet", "--silent") or a.startswith(("-m", "--max-count")):
                return f"grep {a}"
            if a.startswith("-") and not a.startswith("--") and "q" in a[1:] and a[1:].isalpha():
                return f"grep {a}"
    return None


def early_readers(code: str) -> Iterator[tuple[Node, str]]:
    """(the reader's command node, how it stops) of each pipeline stage past the first that stops reading early,
    after a writer that is not a small builtin."""
    for node in _walk(_parser().parse(code.encode()).root_node):
        if node.type != "pipeline":
            continue
        stages = [_stage(c) for c in node.named_children]
        for k, stage in enumerate(stages[1:], 1):
            program, args = _program(stage) if stage.type == "command" else ("", [])
            writer = _program(stages[k - 1]) if stages[k - 1].type == "command" else ("", [])
            if (how := stops_early(program, args)) and not _small(*writer):
                yield stage, how


@rule(
    "DEST032",
    "error",
    "no pipeline of a runbook's shell code feeds a reader that stops early (`| head`, `| grep -q`, `| grep -m N`): "
    "the first N matches are taken by the writer itself (jq's limit(N; …), grep -m N on the file)",
    "The runner and the generated scripts run every block under `set -euo pipefail`. A reader that stops early "
    "closes the pipe while the writer still writes: the writer dies of SIGPIPE and the pipeline fails with exit 141 "
    "once the output is larger than the pipe's buffer, the very case of an incident (a large log export). The step "
    "fails and `playbook run` stops there (D-log-query-edges).",
    "take the first N inside the writer: `jq -cn 'limit(20; inputs | select(…))'`, `grep -m 20 PATTERN FILE`",
)
def no_early_readers(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for s in spots(cat):
        if s.kind not in SHELL_KINDS:  # a jq query is a command line run the same way
            continue
        found = cat.memoized(
            ("pipes", "early", s.code),
            lambda s=s: [(n.start_point[0] + 1, n.start_point[1] + 1, how) for n, how in early_readers(s.code)],
        )
        for line, col, how in found:
            message = f"`{how}` closes the pipe before the command feeding it is done: under pipefail the step fails "
            message += "with exit 141 once the output is large"
            yield at(report, s, line, col, message)
