"""Severity conditions as intervals on a signal's axis, and the gaps and overlaps between them."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from playbook.data.spelling import normal, words


@dataclass(frozen=True)
class Interval:
    low: float
    low_closed: bool
    high: float
    high_closed: bool

    def contains(self, x: float) -> bool:
        above = x > self.low or (self.low_closed and x == self.low)
        below = x < self.high or (self.high_closed and x == self.high)
        return above and below


def interval(cond) -> Interval:
    """The values a condition (op, value, optional inclusive `upto`) matches; a signal's axis starts at 0."""
    v = float(cond.value)
    if cond.op in (">", ">="):
        high, closed = (float(cond.upto), True) if cond.upto is not None else (math.inf, False)
        return Interval(v, cond.op == ">=", high, closed)
    return Interval(0.0, True, v, cond.op == "<=")


def gaps_and_overlaps(intervals: list[Interval]) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Value ranges, above the lowest start, covered by no interval (gaps) or by several (overlaps).

    Every boundary point, and a point inside each stretch between boundaries, is probed: the
    coverage is constant between consecutive boundaries, so this is exact.
    """
    points = sorted({p for iv in intervals for p in (iv.low, iv.high) if math.isfinite(p)})
    start = min(iv.low for iv in intervals)
    probes: list[tuple[float, float, float]] = []  # (x, range lo, range hi)
    for a, b in zip(points, [*points[1:], math.inf], strict=False):
        probes.append((a, a, a))
        probes.append((a + 1 if b == math.inf else (a + b) / 2, a, b))
    gaps, overlaps = [], []
    for x, lo, hi in probes:
        n = sum(iv.contains(x) for iv in intervals)
        if x < start or (x == start and n == 0):
            continue  # below the lowest threshold is "not an incident", not a gap
        if n == 0:
            gaps.append((lo, hi))
        elif n > 1:
            overlaps.append((lo, hi))
    return _merge(gaps), _merge(overlaps)


def _merge(ranges: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for lo, hi in ranges:
        if out and out[-1][1] >= lo:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def signal_words(sig, stop: Iterable[str] = ()) -> list[str]:
    """A numeric signal's words, normalised, as a reader types them beside a number: its name's (p95 is a latency)
    and its metric's ("http.requests.error_rate": http, request, error, rate); none for a yes-or-no signal."""
    if sig.unit == "bool":
        return []
    said = words(sig.name.replace("p95", "p95 latency"), stop) + words((sig.metric or "").replace(".", " "), stop)
    return sorted(set(normal(said)))
