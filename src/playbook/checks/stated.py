"""Checker rule on a command's loop count against the count its step's text states."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.walk import runbooks, step_blocks

# A loop's range: bash's brace expansion {1..10}, or seq's `seq 10` / `seq 1 10` (the bounds as written, rendered)
_RANGES = re.compile(r"\{(?P<a>-?\d+)\.\.(?P<b>-?\d+)\}|\bseq\s+(?:(?P<c>-?\d+)\s+)?(?P<d>-?\d+)\b")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?![\w.,]\d)")


def loop_counts(code: str) -> list[tuple[int, str]]:
    """(how many times it runs, where it starts in the code as written) of each counted loop range of a command."""
    out = []
    for m in _RANGES.finditer(code):
        if m["b"] is not None:
            a, b, start = int(m["a"]), int(m["b"]), "{" + m["a"] + ".."
        else:
            a, b, start = int(m["c"] or 1), int(m["d"]), "seq "
        out.append((abs(b - a) + 1, start))
    return out


@rule(
    "RUN009",
    "error",
    "a loop in a step's command runs as many times as the step's text says",
    'The text tells the responder what a command will do before they run it ("this sends 10 failed sign-ins", '
    "each one counted as an auth failure and refused past the limit): a loop that runs another number of times "
    "does more, or less, than the reader agreed to, and its drill counts what the text says.",
    "make the loop's range the count the text states, or say in the text how many times it runs",
)
def loop_matches_text(ctx: CheckContext, report: Reporter):
    for file, rb in runbooks(ctx.catalog):
        for i, step in enumerate(rb.steps):
            stated = {int(n) for n in _NUMBER.findall(step.text or "")}
            if not stated:
                continue  # the text states no count: nothing to weigh the loop against
            for where, block in step_blocks(step):
                if block.kind != "shell":
                    continue
                for count, start in loop_counts(block.code):
                    if count not in stated:
                        said = ", ".join(map(str, sorted(stated)))
                        message = f"the loop runs {count} times, but the step's text states {said}"
                        yield report(file, ("steps", i, *where, "code"), message, needle=start)
