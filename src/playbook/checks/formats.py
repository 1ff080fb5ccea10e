"""Checker rule on file formats named in text: a placeholder's default file is of the format its meaning names."""

from __future__ import annotations

import mimetypes
import re

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
