"""Checker rule RUN017: a runbook's text that counts its own steps, options or parts says their number."""

from __future__ import annotations

import re
from collections.abc import Iterator

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.quantities import NUMBER_WORDS
from playbook.data.walk import runbooks

# The words a count of a list is said in: the whole numbers of data.quantities' number words ("a" and "an" are none)
_COUNTS = {"zero": 0} | {
    w: n for w, n in NUMBER_WORDS.items() if isinstance(n, int) and w.isalpha() and w not in ("a", "an")
}
# "Three ways back", "the 6 parts below", "two options": a count of the text's own list
_COUNTED = re.compile(rf"(?i)\b(\d{{1,2}}|{'|'.join(_COUNTS)})\s+(ways?|steps?|options?|parts?)\b")


def counts(text: str) -> Iterator[tuple[int, str, str]]:
    """(the number, the noun, the words as typed) of each count `text` gives of a list ("Three ways": 3, ways)."""
    for m in _COUNTED.finditer(text or ""):
        n = m.group(1).lower()
        yield (int(n) if n.isdigit() else _COUNTS[n]), m.group(2).lower().rstrip("s"), m.group(0)


@rule(
    "RUN017",
    "error",
    "a runbook's intro that counts its steps (ways, steps, options) and a step's text that counts its options or parts "
    "say their number",
    'The intro is read before the steps: "Two ways back" over a procedure of three steps (roll back the deployment, '
    "restore the database, re-enable a flag) makes the reader take the third for something else, or stop looking "
    "for it. A count in the intro is of the runbook's steps (or, for a single step of options, of its options); a "
    "count in a step's text, of that step's options (options) or blocks (parts).",
    "say the number the list has, or drop the count",
)
def counts_agree(ctx: CheckContext, report: Reporter):
    for file, rb in runbooks(ctx.catalog):
        steps = list(getattr(rb, "steps", []) or [])
        single = steps[0].options if len(steps) == 1 else []
        for n, noun, said in counts(getattr(rb, "intro", None) or ""):
            have = len(single) if single and noun in ("way", "option") else len(steps)
            if noun != "part" and n != have:
                yield report(file, ("intro",), f"{said!r}, but the runbook has {have}", needle=said)
        for k, step in enumerate(steps):
            for n, noun, said in counts(step.text or ""):
                have = len(step.options) if noun == "option" else len(step.blocks) if noun == "part" else None
                if have and n != have:
                    yield report(file, ("steps", k, "text"), f"{said!r}, but the step has {have}", needle=said)
