"""Business days and hours: the weekdays of oncall.yaml's business_hours, less the optional holidays."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONDAY_TO_FRIDAY = WEEKDAYS[:5]


def is_business_day(d: date, holidays: Iterable[date] = (), weekdays: Iterable[str] = MONDAY_TO_FRIDAY) -> bool:
    return WEEKDAYS[d.weekday()] in set(weekdays) and d not in set(holidays)


def in_business_hours(hours, when: datetime) -> bool:
    """Whether the aware datetime `when` falls inside `hours` (the data's business_hours), in its time zone."""
    local = when.astimezone(ZoneInfo(hours.timezone))
    start, end = time.fromisoformat(hours.start), hours.end
    inside = local.time() >= start and (end == "24:00" or local.time() < time.fromisoformat(end))
    return WEEKDAYS[local.weekday()] in hours.weekdays and inside


def add_business_days(
    start: date, n: int, holidays: Iterable[date] = (), weekdays: Iterable[str] = MONDAY_TO_FRIDAY
) -> date:
    """The date `n` business days after `start` (the start day itself is never counted)."""
    hol = set(holidays)
    weekdays = set(weekdays)
    if not weekdays:
        raise ValueError("no business weekday")
    d = start
    left = n
    while left > 0:
        d += timedelta(days=1)
        if is_business_day(d, hol, weekdays):
            left -= 1
    return d
