"""Durations as people write them (5m, 1h30m, 3d, 60s) and their rendering."""

from __future__ import annotations

import re
from datetime import timedelta

_PART = re.compile(r"(\d+)(d|h|m|s)")
_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_WORDS = {"d": "day", "h": "hour", "m": "minute", "s": "second"}


def parse_duration(text: str) -> timedelta:
    """Parse `40m`, `1h30m`, `3d` or `60s`; raise ValueError naming the text otherwise."""
    s = str(text).strip().replace(" ", "")
    if "M" in s:  # M is months in ISO 8601 and for many readers: never minutes here
        raise ValueError(f"{text!r} is not a duration: M is not a unit (m is minutes; months are written in days)")
    s = s.lower()
    if not s or _PART.sub("", s):
        raise ValueError(f"{text!r} is not a duration: write e.g. 5m, 1h30m, 4h, 3d or 60s")
    return timedelta(seconds=sum(int(n) * _UNITS[u] for n, u in _PART.findall(s)))


def parse_period(text: str) -> timedelta:
    """Parse a period of the calendar written in whole days (`90d`); a number of minutes, hours or seconds
    there is a month or a year mistyped (`3m` is three minutes), so raise ValueError saying so."""
    span = parse_duration(text)
    units = {u for _n, u in _PART.findall(str(text).strip().lower())}
    if units != {"d"}:
        days = "; for months write days: 3 months is 90d" if "m" in units else ""
        raise ValueError(f"{text!r} is not a period in days (m is minutes, h hours): write e.g. 30d or 90d{days}")
    return span


def words(text: str) -> str:
    """`30m` -> `30 minutes`, `1h30m` -> `1 hour 30 minutes`."""
    parts = []
    for n, u in _PART.findall(str(text).lower()):
        parts.append(f"{int(n)} {_WORDS[u]}{'' if int(n) == 1 else 's'}")
    return " ".join(parts)


def seconds(text: str) -> int:
    return int(parse_duration(text).total_seconds())


def compact(td: timedelta) -> str:
    """A time span in the data's own form, to the minute: 2h, 5m, 1h30m ("" for less than a minute)."""
    h, m = divmod(int(td.total_seconds() // 60), 60)
    return (f"{h}h" if h else "") + (f"{m}m" if m else "")
