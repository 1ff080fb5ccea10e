"""Checker rules on the severity ladder's numeric thresholds: they tighten toward SEV-1 and partition each signal."""

from __future__ import annotations

import math

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.catalog import Catalog
from playbook.data.ladder import Interval, gaps_and_overlaps, interval

SEV = F.SEVERITIES


def _numeric(cat: Catalog) -> dict[str, list[tuple[int, int, Interval]]]:
    """signal id -> [(level index, condition index, interval)] for numeric conditions."""
    out: dict[str, list] = {}
    for i, lvl in enumerate(cat.severities.levels):
        for j, c in enumerate(lvl.conditions):
            if c.op != "is" and c.signal in cat.signals:
                out.setdefault(c.signal, []).append((i, j, interval(c)))
    return out


@rule(
    "SEV001",
    "error",
    "thresholds must tighten from SEV-4 to SEV-1, and a signal's most severe level holds from its value up",
    "A more severe level that fires on a smaller value than a milder one inverts the ladder; so does a signal's most "
    "severe condition written `<` or `<=`: it holds from 0, the healthy value, up to its number, on every normal "
    "day, and no longer once the signal passes it (a `<` condition is the milder band below a more severe level's).",
    "order the values so that each more severe level starts higher; write the most severe condition with > or >=",
)
def ladder_tightens(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for signal, conds in _numeric(cat).items():
        ordered = sorted(conds, key=lambda t: -t[0])  # from the mildest level to the most severe
        inverted = False
        for (_, _, a), (i, j, b) in zip(ordered, ordered[1:], strict=False):
            if b.low < a.low:
                inverted = True
                yield report(
                    SEV,
                    ("levels", i, "conditions", j, "value"),
                    f"{cat.severities.levels[i].id} {signal} starts at {b.low}, below a milder level's {a.low}",
                )
        i, j, top = ordered[-1]
        c = cat.severities.levels[i].conditions[j]
        if not inverted and c.op in ("<", "<="):  # the most severe condition holds at 0 and below its value only
            yield report(
                SEV,
                ("levels", i, "conditions", j, "op"),
                f"{cat.severities.levels[i].id} {signal} {c.op} {c.value:g} holds from 0, on a healthy system, and "
                f"not once {signal} passes {c.value:g}: the ladder is upside down",
                f'write op: ">" (or ">=") so the level holds from {c.value:g} up',
            )


@rule(
    "SEV002",
    "error",
    "every value of a shared signal fits exactly one level (no gap, no overlap)",
    "A value that fits no level leaves the responder without a severity; one that fits two, with two.",
    "make each level's range start where the next milder one ends (use `upto` for an inclusive top)",
)
def ladder_partitions(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for signal, conds in _numeric(cat).items():
        if len(conds) < 2:
            continue
        gaps, overlaps = gaps_and_overlaps([c[2] for c in conds])
        # at every condition that makes the gap or overlap: which of them is the mistake, the data cannot tell
        for lo, hi in gaps:  # the conditions that end or start at its edges
            at = [(i, j) for i, j, iv in conds if iv.high == lo or iv.low == hi] or [conds[0][:2]]
            for i, j in at:
                yield report(
                    SEV, ("levels", i, "conditions", j), f"{signal}: values between {lo} and {hi} fit no level (gap)"
                )
        for lo, hi in overlaps:  # the conditions that hold a value inside it
            x = lo if lo == hi or math.isinf(hi) else (lo + hi) / 2
            for i, j, _ in [c for c in conds if c[2].contains(x)]:
                yield report(
                    SEV,
                    ("levels", i, "conditions", j),
                    f"{signal}: values between {lo} and {hi} fit two levels (overlap)",
                )
