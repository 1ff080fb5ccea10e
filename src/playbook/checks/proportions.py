"""Checker rule DEC017: a proportion said between two durations (half, a quarter, twice) is their ratio."""

from __future__ import annotations

import re
from fractions import Fraction

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.markup import data_strings

# The proportions prose says in words, as the ratio of the duration before the word to the one after it.
_SAID = {
    "half": Fraction(1, 2),
    "a third": Fraction(1, 3),
    "a quarter": Fraction(1, 4),
    "two thirds": Fraction(2, 3),
    "three quarters": Fraction(3, 4),
    "twice": Fraction(2),
    "double": Fraction(2),
    "three times": Fraction(3),
    "four times": Fraction(4),
}
_PROPORTION = re.compile(r"(?i)\b(" + "|".join(sorted(_SAID, key=len, reverse=True)) + r")\b")
_UNIT = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600, "hour": 3600, "d": 86400,
         "day": 86400, "w": 604800, "week": 604800}  # fmt: skip
_DURATION = re.compile(r"(?i)\b(\d+(?:\.\d+)?)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|h|days?|d|weeks?|w)\b")


def _seconds(m: re.Match) -> Fraction:
    unit = m.group(2).lower()
    unit = unit if unit in _UNIT else unit.rstrip("s")
    return Fraction(m.group(1)) * _UNIT[unit]


def wrong_proportions(text: str) -> list[tuple[str, Fraction, Fraction]]:
    """(the proportion word, what it says, the ratio of the durations beside it) for each proportion said between a
    duration before it (in its sentence or the one before) and one after it (in its sentence) that disagree."""
    out = []
    for m in _PROPORTION.finditer(text or ""):
        ends = [i for i in (text.rfind(c, 0, m.start()) for c in ".;") if i >= 0]
        start = max(ends) if ends else 0
        before_start = max([i for i in (text.rfind(c, 0, start) for c in ".;") if i >= 0] or [0])
        stops = [i for i in (text.find(c, m.end()) for c in ".;") if i >= 0]
        end = min(stops) if stops else len(text)
        before = list(_DURATION.finditer(text, before_start, m.start()))
        after = list(_DURATION.finditer(text, m.end(), end))
        if not before or not after:
            continue
        a, b = _seconds(before[-1]), _seconds(after[0])
        said = _SAID[m.group(1).lower()]
        if b and a / b != said:
            out.append((m.group(1), said, a / b))
    return out


@rule(
    "DEC017",
    "error",
    "a proportion said in words between two durations (half, a quarter, twice) is the ratio of those durations",
    "A decision justifies a value by its relation to another: 'paged after 2 hours. That is half the SEV-1 resolve "
    "SLA (4 hours)'. Both values are rendered from the data, but the word between them is typed: 'a quarter' there "
    "says the CTO comes in with three hours to spare when it is two, and the reasoning the reader checks the "
    "escalation against is wrong while every number on the page is right.",
    "write the proportion the two values have (2 hours of 4 is half), or change the value the sentence relates",
)
def proportions_match(ctx: CheckContext, report: Reporter):
    for file, path, text in data_strings(ctx.catalog):
        for word, said, ratio in wrong_proportions(text):
            message = f"{word!r} says {said} of the duration after it, but the two durations say {ratio}"
            yield report(file, path, message, needle=word)
