"""Every pattern a model field must match, written once with its words: what the value is, how it is written.

The models declare their patterns through `worded()`, so an editor's message (LOAD003, `playbook new`) can say
in words what a field wants ("SEV-1 … SEV-9: SEV-, then one digit") instead of quoting the regex, and the
words cannot drift from the pattern they describe: both are written at the same place.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

WORDED: dict[str, tuple[str, str]] = {}  # pattern -> (what a value is, how it is written)


def worded(pattern: str, what: str, how: str, default: Any = ..., **field: Any) -> Any:
    """`Field(pattern=...)` that also records the pattern's words (see WORDED)."""
    known = WORDED.setdefault(pattern, (what, how))
    if known != (what, how):
        raise ValueError(f"pattern {pattern} is worded twice: {known} and {(what, how)}")
    return Field(default, pattern=pattern, **field)


SeverityId = Annotated[str, worded(r"^SEV-[1-9]$", "a severity", "SEV-1 … SEV-9: SEV-, then one digit")]
Name = Annotated[
    str,
    worded(r"^[A-Z][A-Z0-9_]*$", "a name", "capital letters, digits and '_', starting with a letter, e.g. BASE_URL"),
]
Id = Annotated[
    str,
    worded(
        r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        "an id",
        "letters, digits, '.', '_' and '-', starting with a letter or digit, no spaces, e.g. backend-team",
    ),
]
ClockTime = Annotated[
    str, worded(r"^([01]\d|2[0-3]):[0-5]\d$", "a time of day", "HH:MM on the 24-hour clock, 00:00 … 23:59, e.g. 09:00")
]
ClockEnd = Annotated[  # an end of day may be 24:00
    str, worded(r"^([01]\d|2[0-4]):[0-5]\d$", "a time of day", "HH:MM on the 24-hour clock, 00:00 … 24:00, e.g. 17:30")
]
MetricName = Annotated[
    str,
    worded(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$", "a metric name", "lower-case words joined by dots, e.g. http.requests"),
]
LabelName = Annotated[
    str,
    worded(
        r"^[A-Za-z_][A-Za-z0-9_]*$",
        "a label name",
        "letters, digits and '_', starting with a letter or '_', as Prometheus names labels, e.g. status_class",
    ),
]
# An address the theme writes into href="…" as it is (the site's, the repository's): no space, quote or bracket.
Url = Annotated[
    str,
    worded(
        r"^https?://[A-Za-z0-9._~:/?#@!$&*+,;=%-]+$",
        "an address",
        "http:// or https://, then the address without spaces, quotes or brackets, e.g. https://playbook.dramal.com/",
    ),
]
Word = Annotated[
    str, worded(r"^[A-Za-z0-9]+$", "a word", "letters and digits, one word as it is typed in the search, e.g. inc")
]
# A path of the app's API, or an external address: commands quote it as it is ("$BASE_URL{{ ep.metrics }}"),
# so it holds nothing a shell reads inside double quotes ($, `, \\, ") and no space, bracket or quote.
ApiPath = Annotated[
    str,
    worded(
        r"^(/|https?://)[A-Za-z0-9._~/%:@+,=?#-]*$",
        "an API path",
        "/ then the path (or http(s):// and an address), without spaces, quotes, $ or brackets, e.g. /api/metrics",
    ),
]
Phrase = Annotated[
    str,
    worded(
        r"^[A-Za-z0-9][A-Za-z0-9 '-]*$",
        "words",
        "words as they are typed in the search: letters, digits, spaces, ' and -, e.g. feature flag",
    ),
]
