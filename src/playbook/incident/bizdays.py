"""Business-day arithmetic: weekends and the optional holiday list are skipped."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta


def is_business_day(d: date, holidays: Iterable[date] = ()) -> bool:
    return d.weekday() < 5 and d not in set(holidays)


def add_business_days(start: date, n: int, holidays: Iterable[date] = ()) -> date:
    """The date `n` business days after `start` (the start day itself is never counted)."""
    hol = set(holidays)
    d = start
    left = n
    while left > 0:
        d += timedelta(days=1)
        if is_business_day(d, hol):
            left -= 1
    return d
