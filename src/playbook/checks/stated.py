"""Checker rule on a command's counts (a loop's runs, the lines it takes) against the count its text states."""

from __future__ import annotations

import re
from collections import Counter

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
    "a loop in a step's command runs as many times as the step's text says, and a command takes as many lines as "
    "the comment above it says (limit(N; …), head/tail -n N, git log -N)",
    'The text tells the responder what a command will do before they run it ("this sends 10 failed sign-ins", '
    "each one counted as an auth failure and refused past the limit): a loop that runs another number of times "
    "does more, or less, than the reader agreed to, and its drill counts what the text says.",
    "make the loop's range the count the text states, or say in the text how many times it runs",
)
def loop_matches_text(ctx: CheckContext, report: Reporter):
    yield from _takes_what_comment_says(ctx, report)
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


# How many lines a command keeps, by tool (the count as written, rendered), and how many a comment says it shows
_TAKES = re.compile(
    r"\b(?P<tool>limit)\((?P<a>\d+)\s*;|\b(?P<t2>head|tail)\s+-(?:n\s*)?(?P<b>\d+)\b"
    r"|\bgit\s+log\b[^|\n]*?\s-(?:n\s*)?(?P<c>\d+)\b"
)
_SAYS = re.compile(
    r"\b(?:first|last|top|latest|newest|oldest|recent)\s+(\d+)\b|\b(\d+)\s+(?:most recent|latest|newest)\b", re.I
)


def takes(line: str) -> list[tuple[str, int, str]]:
    """(tool, count, as written) of each command of a line that keeps a number of lines: `limit(20;`, `head -n 5`."""
    out = []
    for m in _TAKES.finditer(line):
        tool = m["tool"] or m["t2"] or "git log"
        out.append((tool, int(m["a"] or m["b"] or m["c"]), m.group(0)))
    return out


def _takes_what_comment_says(ctx: CheckContext, report: Reporter):
    # A comment line's count is said of the commands under it, up to the next blank line. When the two differ, the
    # one that differs from what the data's other commands of that tool take is the edit (else the command).
    found = []
    for file, rb in runbooks(ctx.catalog):
        for i, step in enumerate(rb.steps):
            for where, block in step_blocks(step):
                if block.kind != "shell":
                    continue
                said: set[int] = set()
                comment = ""
                for line in block.code.splitlines():
                    if not line.strip():
                        said = set()
                    elif line.lstrip().startswith("#"):
                        if counts := {int(a or b) for a, b in _SAYS.findall(line)}:
                            said, comment = counts, line.strip()
                    else:
                        for tool, n, text in takes(line):
                            found.append((file, ("steps", i, *where, "code"), tool, n, text, said, comment))
    usual = Counter((tool, n) for _, _, tool, n, *_ in found)
    for file, path, tool, n, text, said, comment in found:
        if said and n not in said:
            stated = ", ".join(map(str, sorted(said)))
            others = usual[(tool, n)] > 1  # another command of the data takes this many too: the comment moved
            needle = comment if others else text
            message = f"{text!r} takes {n}, but the comment above it says {stated}"
            yield report(file, path, message, needle=needle)
