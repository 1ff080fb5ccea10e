"""Business days and hours: the weekdays of oncall.yaml's business_hours, less the public holidays and days off."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONDAY_TO_FRIDAY = WEEKDAYS[:5]


class DaysOff:
    """Dates that are no business days: a country's public holidays (any year, from the `holidays` library,
    which keeps each country's calendar rules) and explicit dates."""

    def __init__(self, dates: Iterable[date] = (), country: str | None = None, subdivision: str | None = None):
        self.dates = set(dates)
        self.country, self.subdivision = country, subdivision
        self.public = None
        if country:
            import holidays

            self.public = holidays.country_holidays(country, subdiv=subdivision)

    def __contains__(self, d: date) -> bool:
        return d in self.dates or (self.public is not None and d in self.public)

    def name(self, d: date) -> str | None:
        """What the day is (the holiday's name, or "day off"), or None for an ordinary day."""
        if self.public is not None and d in self.public:
            return self.public.get(d)
        return "day off" if d in self.dates else None

    def of_year(self, year: int) -> list[tuple[date, str]]:
        """Every day off of `year`, in date order, with its name."""
        days = {d: "day off" for d in self.dates if d.year == year}
        if self.country:
            import holidays

            days |= dict(holidays.country_holidays(self.country, subdiv=self.subdivision, years=year).items())
        return sorted(days.items())


def days_off(postmortem) -> DaysOff:
    """The days off of the data's post-mortem rule (incident.yaml postmortem)."""
    pub = postmortem.public_holidays
    return DaysOff(postmortem.holidays, pub.country if pub else None, pub.subdivision if pub else None)


def _off(holidays) -> DaysOff:
    return holidays if isinstance(holidays, DaysOff) else DaysOff(holidays)


def is_business_day(
    d: date, holidays: Iterable[date] | DaysOff = (), weekdays: Iterable[str] = MONDAY_TO_FRIDAY
) -> bool:
    return WEEKDAYS[d.weekday()] in set(weekdays) and d not in _off(holidays)


def in_business_hours(hours, when: datetime) -> bool:
    """Whether the aware datetime `when` falls inside `hours` (the data's business_hours), in its time zone."""
    local = when.astimezone(ZoneInfo(hours.timezone))
    start, end = time.fromisoformat(hours.start), hours.end
    inside = local.time() >= start and (end == "24:00" or local.time() < time.fromisoformat(end))
    return WEEKDAYS[local.weekday()] in hours.weekdays and inside


def add_business_days(
    start: date, n: int, holidays: Iterable[date] | DaysOff = (), weekdays: Iterable[str] = MONDAY_TO_FRIDAY
) -> date:
    """The date `n` business days after `start` (the start day itself is never counted)."""
    off = _off(holidays)
    weekdays = set(weekdays)
    if not weekdays:
        raise ValueError("no business weekday")
    d = start
    left = n
    while left > 0:
        d += timedelta(days=1)
        if WEEKDAYS[d.weekday()] in weekdays and d not in off:
            left -= 1
    return d
