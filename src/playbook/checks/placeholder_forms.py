"""Checker rule REF031: the form a placeholder's meaning gives its value (a relative path, a URL…) fits its default."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F


def _iso(value: str) -> bool:
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


# (what the meaning says, as a pattern; what the default must then be, said in words; the test of the default)
_FORMS: list[tuple[re.Pattern, str, Callable[[str], bool]]] = [
    (re.compile(r"(?i)\babsolute\s+path\b"), "an absolute path", lambda v: v.startswith(("/", "~"))),
    (re.compile(r"(?i)\brelative\s+(?:path|to)\b"), "a relative path", lambda v: not v.startswith(("/", "~"))),
    (re.compile(r"(?i)\bno\s+trailing\s+slash\b"), "without a trailing slash", lambda v: not v.endswith("/")),
    (re.compile(r"(?i)\bwith\s+a\s+trailing\s+slash\b"), "with a trailing slash", lambda v: v.endswith("/")),
    (re.compile(r"(?i)\b(?:base\s+)?URL\b"), "a URL (http:// or https://)", lambda v: bool(re.match(r"https?://", v))),
    (re.compile(r"(?i)\bISO[- ]?8601\b"), "an ISO-8601 time", _iso),
]


@rule(
    "REF031",
    "error",
    "a placeholder's default has the form its meaning gives the value (a relative or absolute path, a URL, a "
    "trailing slash or none, an ISO-8601 time)",
    "The meaning is what the reader follows to set the value; the default is what the drills and copied commands "
    "use. A meaning that says 'absolute path on the app host' above the default prisma/dev.db (relative to the "
    "checkout) has the reader set a path no command and no drill was run with: the two lines of one entry disagree.",
    "make the meaning say the default's form, or the default the form the meaning says",
)
def meaning_fits_default(ctx: CheckContext, report: Reporter):
    for i, p in enumerate(ctx.catalog.meta.placeholders):
        if not p.default or not p.meaning:
            continue
        for pattern, form, fits in _FORMS:
            if (m := pattern.search(p.meaning)) and not fits(str(p.default)):
                message = f"{p.name}'s meaning says {form} ({m.group(0)!r}), but its default is {p.default}"
                yield report(F.META, ("placeholders", i, "meaning"), message, needle=m.group(0))
