"""Checker rule RUN019: a failure that stops the walk (on_failure next: stop) never tells the reader to go on."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.walk import blocks

# What tells the reader to go on past a failure: go on / carry on / continue / proceed / move on / skip ahead (to a
# part or step), or calls a later part optional. A negation before it ("Do not go on", "never continue") is a stop.
_GO_ON = re.compile(
    r"(?i)\b(?:go(?:ing)?|carry|move)\s+on\b(?!\s+(?:working|serving|running))"
    r"|\bcontinue\s+(?:with|to|on|anyway|regardless)\b|\bproceed\b|\bskip\s+(?:ahead|to)\b"
    r"|\b(?:is|are)\s+optional\b|\banyway\b"
)
_NEGATED = re.compile(r"(?i)\b(?:not|never|n't|no|without|before|until|only\s+(?:when|if|after))\b[^.;:!?]{0,25}$")


def unnegated(pattern: re.Pattern, text: str, negated: re.Pattern = _NEGATED) -> re.Match | None:
    """The first match of `pattern` in `text` that no negation just before it turns around ("do not go on")."""
    for m in pattern.finditer(text or ""):
        if not negated.search(text[: m.start()]):
            return m
    return None


def go_on(text: str) -> str | None:
    """The first phrase of `text` that tells the reader to go on, not negated ("do not go on" is a stop)."""
    m = unnegated(_GO_ON, text)
    return m.group(0) if m else None


@rule(
    "RUN019",
    "error",
    "a failure whose on_failure says `next: stop` never tells the reader, in `means:`, to go on",
    "`playbook run` stops the walk at a failure with `next: stop`: the check exists because what follows is unsafe "
    "on that state (the corrupt database was not kept, the backup is corrupt too). A `means:` that says 'go on with "
    "part 3' or calls the rest optional tells the reader, who reads the words and not the field, to run by hand the "
    "parts the runner refused: the restore without the kept copy it undoes from.",
    "say what to fix before retrying this part; if the walk may really go on, write `next: continue` and say why",
)
def stop_says_stop(ctx: CheckContext, report: Reporter):
    for file, path, b in blocks(ctx.catalog):
        failure = getattr(b, "on_failure", None)
        if failure is None or failure.next != "stop" or not (phrase := go_on(failure.means)):
            continue
        message = f"its failure stops the walk (next: stop), but means: says {phrase!r}"
        yield report(file, (*path, "on_failure", "means"), message, needle=phrase)
