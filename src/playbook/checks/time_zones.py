"""Checker rule on the time zone a help says a timestamp is in: the zone its example value is written in (CAT017)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F

_UTC = re.compile(r"\b(?:UTC|GMT|Zulu|Z)\b")
_LOCAL = re.compile(r"(?i)\blocal\s+(?:time|clock|zone)\b|\blocaltime\b")
_ZONE = re.compile(r"\b[A-Z][a-z]+/[A-Z][A-Za-z_]+(?:/[A-Z][A-Za-z_]+)?\b")  # Europe/London, America/New_York
_OFFSET = re.compile(r"(?<![\w:])(?:UTC|GMT)?([+-])(\d{2}):?(\d{2})\b")


def offset_of(value) -> timedelta | None:
    """The UTC offset an ISO-8601 timestamp is written with (Z: 0); None for no timestamp or a naive one."""
    if not isinstance(value, str) or not re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", value):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).utcoffset()
    except ValueError:
        return None


def said_zone(text: str, at: datetime) -> tuple[str, bool] | None:
    """(the zone a help names, whether a value written at UTC offset 0 on `at` is in it all year): UTC is; the
    server's local time is not (nothing makes the server's zone UTC); an IANA zone is when it never leaves offset
    0 (Europe/London does in summer); None when the help names no zone."""
    if m := _ZONE.search(text):
        try:
            zone = ZoneInfo(m.group(0))
        except (ZoneInfoNotFoundError, ValueError):
            return None
        year = [datetime(at.year, month, 15, tzinfo=UTC) for month in range(1, 13)]
        return m.group(0), all(t.astimezone(zone).utcoffset() == timedelta(0) for t in year)
    if _LOCAL.search(text):
        return "local time", False
    if m := _OFFSET.search(text):
        return m.group(0), int(m.group(2)) == 0 and int(m.group(3)) == 0
    if _UTC.search(text):
        return "UTC", True
    return None


def _value(example: dict, path: str):
    for key in path.split("."):
        if not isinstance(example, dict) or key not in example:
            return None
        example = example[key]
    return example


@rule(
    "CAT017",
    "error",
    "the time zone the help of a timestamp (a log field, a placeholder) names is the one its example value is "
    "written in: a value ending in Z is UTC, not local time nor a zone with summer time",
    "The log's timestamps, SINCE and the log queries' comparisons are UTC (the example ends in Z). Help that calls "
    "them local time (Europe/London) makes the reader convert SINCE to that zone, and in summer the window starts an "
    "hour off, missing or adding an hour of errors.",
    "name the zone the example is written in (UTC for a value ending in Z)",
)
def zone_as_written(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    fmt = cat.data.log_format
    found = [
        (F.CATALOG, ("log_format", "fields", i, "help"), f.help, _value(fmt.example, f.path), f"log field {f.path}")
        for i, f in enumerate(fmt.fields)
    ]
    found += [
        (F.META, ("placeholders", i, "meaning"), p.meaning, p.default, f"placeholder {p.name}")
        for i, p in enumerate(cat.meta.placeholders)
    ]
    for file, where, text, example, what in found:
        offset = offset_of(example)
        if offset is None or offset != timedelta(0):
            continue
        at = datetime.fromisoformat(example.replace("Z", "+00:00"))
        said = said_zone(text, at)
        if said is None or said[1]:
            continue
        message = f"the help of {what} says {said[0]}, but its example {example!r} is written in UTC"
        yield report(file, where, message)
