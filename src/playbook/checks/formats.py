"""Checker rules on formats named in text: a placeholder's default file, or time, is of the form its meaning names."""

from __future__ import annotations

import mimetypes
import re
from datetime import datetime, timedelta

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.spelling import words

# A format is named by its acronym, written with capitals (JSON, CSV, SQLite): the capitals tell it from a word
# that happens to be an extension too ("a", "in"). Python's own table, not the machine's (/etc/mime.types).
_ACRONYM = re.compile(r"\b[A-Za-z0-9]*[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*\b")
_TYPES = mimetypes.MimeTypes()


def named_formats(text: str) -> set[str]:
    """The media types of the formats `text` names by their acronym (JSON Lines: application/json)."""
    return {t for w in _ACRONYM.findall(text) if (t := _TYPES.types_map[1].get("." + w.lower()))}


def named_encodings(text: str) -> set[str]:
    """The compressions `text` names (gzip, or its extension gz)."""
    said = set(words(text))
    return {enc for ext, enc in _TYPES.encodings_map.items() if enc in said or ext.lstrip(".") in said}


def file_format(value: str) -> tuple[str | None, str | None]:
    """The media type and compression of a file name by its extensions; (None, None) for a URL or no file name."""
    if "://" in value or "." not in value.rsplit("/", 1)[-1]:
        return None, None
    return _TYPES.guess_type(value, strict=True)


@rule(
    "CAT009",
    "error",
    "a placeholder's default file is of the format its meaning (or the log format it is an export of) names",
    "LOG_FILE is JSON Lines, one object per line (catalog.yaml's log_format): the runbooks' grep and jq read it "
    "directly. A default logs.json.gz (gzip) or logs.csv makes every saved query and log step find nothing or choke "
    "on binary input.",
    "give the default the extension of the format its meaning names (or name the other format in the meaning)",
)
def placeholder_formats(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, ph in enumerate(cat.meta.placeholders):
        if not ph.default or ph.secret:
            continue
        kind, encoding = file_format(ph.default)
        if kind is None and encoding is None:
            continue
        said = ph.meaning
        if "log" in words(said) and cat.data.log_format:  # an export of the logs: of their format too
            said += " " + cat.data.log_format.encoding
        formats, compressions = named_formats(said), named_encodings(said)
        where = ("placeholders", i, "default")
        if encoding and encoding not in compressions:
            message = f"{ph.name}'s default {ph.default!r} is {encoding}-compressed; its meaning names no compression"
            yield report(F.META, where, message)
        elif kind and formats and kind not in formats:
            named = " or ".join(sorted(formats))
            yield report(
                F.META, where, f"{ph.name}'s default {ph.default!r} is {kind}, not the {named} its meaning names"
            )


# A time the meaning names: ISO 8601 (Python's own reader), and UTC when the meaning says so (offset zero).
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


@rule(
    "CAT011",
    "error",
    "a placeholder's default time is of the form its meaning names: ISO 8601, and in UTC when it says UTC",
    "SINCE is an ISO-8601 UTC timestamp: the saved queries compare its first 19 characters with the logs' UTC "
    "times, so a default with another offset (10:00:00+01:00) is read as 10:00 UTC and the window starts an hour "
    "late.",
    "write the default in UTC with a Z (2026-01-14T09:00:00Z), or name the other offset in the meaning",
)
def placeholder_times(ctx: CheckContext, report: Reporter):
    for i, ph in enumerate(ctx.catalog.meta.placeholders):
        said = set(words(ph.meaning))
        if not ph.default or ph.secret or not ({"iso", "8601", "utc", "timestamp"} & said):
            continue
        where = ("placeholders", i, "default")
        try:
            when = datetime.fromisoformat(ph.default)
        except ValueError:
            if _ISO.match(ph.default) or "iso" in said:
                yield report(F.META, where, f"{ph.name}'s default {ph.default!r} is no ISO-8601 time its meaning names")
            continue
        if "utc" in said and when.utcoffset() != timedelta(0):
            offset = "no offset" if when.tzinfo is None else f"offset {ph.default[19:]}"
            yield report(
                F.META, where, f"{ph.name}'s default {ph.default!r} has {offset}, not the UTC its meaning names"
            )
