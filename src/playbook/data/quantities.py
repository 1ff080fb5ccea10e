"""A small grammar for the facts prose restates: units, spans of time in words, clock times and words to match."""

from __future__ import annotations

import re

# Each unit prose or a `unit:` field may write: (dimension, size in the dimension's base unit). Deny by default:
# a word not here states no unit, so "requests" or "calls" are never compared with "ms".
UNITS: dict[str, tuple[str, float]] = {
    **dict.fromkeys(["ns", "nanosecond", "nanoseconds"], ("time", 1e-9)),
    **dict.fromkeys(["us", "µs", "microsecond", "microseconds"], ("time", 1e-6)),
    **dict.fromkeys(["ms", "millisecond", "milliseconds", "msec"], ("time", 1e-3)),
    **dict.fromkeys(["s", "sec", "secs", "second", "seconds"], ("time", 1.0)),
    **dict.fromkeys(["m", "min", "mins", "minute", "minutes"], ("time", 60.0)),
    **dict.fromkeys(["h", "hr", "hrs", "hour", "hours"], ("time", 3600.0)),
    **dict.fromkeys(["d", "day", "days"], ("time", 86400.0)),
    **dict.fromkeys(["b", "byte", "bytes"], ("size", 1.0)),
    **dict.fromkeys(["kb", "kilobyte", "kilobytes"], ("size", 1e3)),
    **dict.fromkeys(["mb", "megabyte", "megabytes"], ("size", 1e6)),
    **dict.fromkeys(["%", "percent", "per cent"], ("share", 0.01)),
    **dict.fromkeys(["ratio", "fraction"], ("share", 1.0)),  # a share written from 0 to 1
}
# The words a number may be written in (to twelve, and the round ones a span of time is said in)
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "forty-five": 45, "sixty": 60, "ninety": 90, "half an": 0.5, "a half": 0.5,
}  # fmt: skip
_NUM = r"\d+(?:\.\d+)?|" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_TIME_UNITS = "|".join(sorted((re.escape(u) for u, (d, _) in UNITS.items() if d == "time"), key=len, reverse=True))
SPAN = rf"\b(?P<n>{_NUM})[\s-]*(?P<u>{_TIME_UNITS})\b"  # a span of time as written: "25 minutes", "1-hour"
_SPAN = re.compile(SPAN, re.IGNORECASE)
# "in ms", "in seconds", "(ms)", ", ms": the unit a help says its value is written in
_IN_UNIT = re.compile(r"(?:\bin|\(|,)\s*(?P<u>[%µ\w]+)\s*\)?\s*$|\bin\s+(?P<v>[%µ\w]+)\b", re.IGNORECASE)
_CLOCK = re.compile(r"^\s*([01]?\d|2[0-3]):([0-5]\d)\s*$")
_WORD = re.compile(r"[a-z][a-z0-9-]*")


def unit(word: str) -> tuple[str, float] | None:
    """(dimension, size) of a unit as written (`ms`, `Seconds`, `%`); None when it is no unit of the grammar."""
    return UNITS.get(str(word).strip().lower())


def stated_unit(text: str) -> tuple[str, tuple[str, float]] | None:
    """(the word, its unit) a help says its value is written in: "Request duration in ms", "Uptime (seconds)"."""
    for m in _IN_UNIT.finditer(text or ""):
        word = m["u"] or m["v"]
        if (u := unit(word)) is not None and (len(word) > 1 or word == "%"):  # a lone letter ("in s") is too weak
            return word, u
    return None


def number(word: str) -> float:
    """`25` -> 25.0, `two` -> 2.0 (a word of NUMBER_WORDS or digits)."""
    w = word.strip().lower()
    return float(NUMBER_WORDS[w]) if w in NUMBER_WORDS else float(w)


def spans(text: str) -> list[tuple[float, str]]:
    """(seconds, as written) of each span of time the text states: "25 minutes", "two hours", "1-minute"."""
    out = []
    for m in _SPAN.finditer(text or ""):
        dim, size = UNITS[m["u"].lower()]
        if len(m["u"]) == 1 and not m["n"][0].isdigit():
            continue  # "a m": a lone letter after a word is no unit
        out.append((number(m["n"]) * size, m.group(0)))
    return out


def clock(text: str) -> int | None:
    """Minutes after midnight of a clock time written alone ("10:05"); None when the text is not one."""
    m = _CLOCK.match(str(text))
    return int(m[1]) * 60 + int(m[2]) if m else None


def stem(word: str) -> str:
    """A crude common form for matching words across two texts: lower case, no plural or past ending."""
    w = word.lower()
    for end in ("ies", "ed", "es", "s"):
        if w.endswith(end) and len(w) - len(end) >= 2:
            return w[: -len(end)] + ("y" if end == "ies" else "")
    return w


def words(text: str) -> set[str]:
    """The stems of the words of a text."""
    return {stem(w) for w in _WORD.findall(str(text).lower())}
