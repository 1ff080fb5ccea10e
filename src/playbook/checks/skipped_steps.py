"""Checker rule RUN021: no text sends the reader past the steps that guard a later one (unconditionally)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.walk import blocks, texts

# Sent ahead: "go straight to step 5", "skip to part 4", "jump ahead to step 3"; or told to leave steps out.
_AHEAD = re.compile(
    r"(?i)\b(?:go|skip|jump|head|move|proceed|turn)\s+(?:straight\s+|directly\s+|right\s+|ahead\s+)?(?:on\s+)?to\s+"
    r"(?P<what>step|part)\s+(?P<n>\d+)"
    r"|\bskip\s+(?:over\s+)?(?P<what2>steps?|parts?)\s+(?P<n2>\d+)"
)
# Sent at once to a later step or part, in any text (another runbook's "run its part 4 (Restore) straight away")
_AT_ONCE = re.compile(
    r"(?i)\b(?:run|do|start\s+(?:with|at)|begin\s+with|go\s+(?:straight\s+|directly\s+)?to|jump\s+to|skip\s+to)\s+"
    r"(?:its\s+|the\s+)?(?:step|part)\s+(?P<n>\d+)(?:\s*\([^)]*\))?"
    r"\s+(?:straight\s+away|right\s+away|directly|immediately|at\s+once|first)\b"
    r"|\bgo\s+(?:straight|directly)\s+to\s+(?:its\s+|the\s+)?(?:step|part)\s+(?P<n2>\d+)"
)
# A branch taken only on a condition, said in the same sentence ("restore (step 5) only if it is gone").
_CONDITION = re.compile(r"(?i)\b(?:if|unless|when|once|whether|in\s+case)\b")


def _conditional(text: str, m: re.Match) -> bool:
    """Whether the clause of `m` (from its sentence's start to the next stop or colon: what follows is the reason)
    states a condition."""
    start = max(text.rfind(".", 0, m.start()), text.rfind(";", 0, m.start())) + 1
    stop = [i for i in (text.find(c, m.end()) for c in ".;:") if i >= 0]
    return bool(_CONDITION.search(text[start : min(stop) if stop else len(text)]))


def skipped(text: str, here: int, what: str) -> str | None:
    """The phrase of `text` that sends the reader past the `what` (step or part) after `here`, with no condition in
    its sentence."""
    for m in _AHEAD.finditer(text or ""):
        kind = (m.group("what") or m.group("what2") or "").lower().rstrip("s")
        n = int(m.group("n") or m.group("n2"))
        if kind == what and (n > here + 1 or m.group("n2")) and not _conditional(text, m):
            return m.group(0)
    return None


def at_once(text: str) -> str | None:
    """The phrase of a runbook's text that sends the reader at once to a step or part past the first (whose steps
    before it the reader then skips), with no condition in its sentence."""
    for m in _AT_ONCE.finditer(text or ""):
        if int(m.group("n") or m.group("n2")) > 1 and not _conditional(text, m):
            return m.group(0)
    return None


def _where(path: tuple) -> tuple[int, str]:
    """The 1-based number of the step (or, in a step of parts, the part) a block's path is in, and which it is."""
    if "options" in path:
        return path[path.index("options") + 1] + 1, "part"
    return path[path.index("steps") + 1] + 1, "step"


@rule(
    "RUN021",
    "error",
    "no text sends the reader past the next step (from a failure the walk goes on from) or at once to a later one, "
    "with no condition",
    "`playbook run` walks on to the next step after a failure with `next: continue`, and the page lists the steps in "
    "that order because each one checks something the later ones rely on (the disk, the file's permissions before "
    "a restore). A `means:` that says 'go straight to step 5' sends the reader, who follows the words, past those "
    "checks to the restore, while the runner walks step 2: the two disagree, and the checks are skipped by hand.",
    "say what the failure means and let the walk go on; a branch that really skips ahead says on what condition "
    "('restore from the backup (step 5) only if the file is gone')",
)
def failures_skip_no_step(ctx: CheckContext, report: Reporter):
    for file, path, b in blocks(ctx.catalog):
        failure = getattr(b, "on_failure", None)
        if failure is None or "steps" not in path:
            continue
        here, what = _where(path)
        if failure.next == "continue" and (phrase := skipped(failure.means, here, what)):
            message = f"means: sends the reader past {what} {here + 1} ({phrase!r}) while the walk goes on to it"
            yield report(file, (*path, "on_failure", "means"), message, needle=phrase)
        elif phrase := at_once(failure.means):
            message = f"means: sends the reader at once to a later step ({phrase!r}), past the ones that guard it"
            yield report(file, (*path, "on_failure", "means"), message, needle=phrase)
    for file, path, text in texts(ctx.catalog):
        if phrase := at_once(text):
            message = f"the text sends the reader at once to a later step ({phrase!r}), past the ones that guard it"
            yield report(file, path, message, needle=phrase)
