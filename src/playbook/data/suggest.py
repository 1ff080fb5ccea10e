"""Did-you-mean for values people mistype: the closest valid id, and what a field's pattern wants, in words."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

CUTOFF = 0.75  # difflib ratio below which no guess is offered

# Every `pattern=` of the models, said in words: (what it is, how it is written). tests/data/test_messages.py
# fails when a model gains a pattern this table does not word.
PATTERNS: dict[str, tuple[str, str]] = {
    r"^SEV-[1-9]$": ("a severity", "SEV-1 … SEV-9: SEV-, then one digit"),
    r"^[A-Za-z0-9][A-Za-z0-9_.-]*$": (
        "an id",
        "letters, digits, '.', '_' and '-', starting with a letter or digit, no spaces, e.g. backend-team",
    ),
    r"^[A-Z][A-Z0-9_]*$": ("a name", "capital letters, digits and '_', starting with a letter, e.g. BASE_URL"),
    r"^[^/].*/$": ("a path", "no '/' at the start and one at the end, e.g. edit/main/"),
    r"^([01]\d|2[0-3]):[0-5]\d$": ("a time of day", "HH:MM on the 24-hour clock, 00:00 … 23:59, e.g. 09:00"),
    r"^([01]\d|2[0-4]):[0-5]\d$": ("a time of day", "HH:MM on the 24-hour clock, 00:00 … 24:00, e.g. 17:30"),
    r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$": ("a metric name", "lower-case words joined by dots, e.g. http.requests"),
    r"^[a-z0-9][a-z0-9_-]*$": ("an anchor", "lower-case letters, digits, '-' and '_', e.g. ai-down"),
    r"^D-[a-z0-9-]+$": ("a decision id", "D- and lower-case words joined by '-', e.g. D-health-path"),
    r"^sha256:[0-9a-f]{64}$": ("a fingerprint", "sha256: and 64 hex digits, as playbook drill --record writes it"),
    r"^[A-Z]{2}$": ("a country code", "two capital letters (ISO 3166-1), e.g. US, GB or FR"),
    r"^[a-z][a-z0-9-]*$": ("a concept id", "lower-case words joined by '-', starting with a letter, e.g. db-down"),
    r"^[a-z0-9/_-]+\.md(#[a-z0-9_-]+)?$": ("a page", "a docs page in lower case, with an optional #anchor"),
    r"^[a-z0-9/_*-]+\.md$": ("a page", "a docs page in lower case, * matching any part, e.g. scenarios/*.md"),
    r"^[a-z0-9][a-z0-9 -]{0,38}[a-z0-9]$": (
        "a word to type",
        "2 to 40 lower-case letters, digits, spaces and '-', e.g. restore the database",
    ),
}


def _squash(text: str) -> str:
    """Case, spaces and separators away: `SEV 2`, `sev-2` and `SEV2` are one value."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def closest(value: object, choices: Iterable[str]) -> str | None:
    """The one valid choice `value` most likely meant, or None (no choice close enough, or a tie).

    The same letters and digits (case and separators aside) win outright, then the start of one choice alone
    (`backend` for backend-team); otherwise difflib's ratio must reach CUTOFF and beat every other choice:
    `SEV-7` among SEV-1 … SEV-4 is equally far from all, so no guess.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    options = list(dict.fromkeys(c for c in choices if isinstance(c, str)))
    if value in options:
        return None
    same = [c for c in options if _squash(c) == _squash(value)]
    if len(same) == 1:
        return same[0]
    begun = [c for c in options if len(_squash(value)) >= 3 and _squash(c).startswith(_squash(value))]
    if len(begun) == 1:  # the start of one id alone: `backend` for backend-team
        return begun[0]
    scored = sorted(
        ((difflib.SequenceMatcher(None, value.lower(), c.lower()).ratio(), c) for c in options), reverse=True
    )
    if not scored or scored[0][0] < CUTOFF or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def _spellings(value: str) -> Iterable[str]:
    """The value as it might have been meant: other case, separators, a dash between letters and digits."""
    base = value.strip()
    for cased in (base, base.upper(), base.lower()):
        yield cased
        for sep in ("-", "_", ""):
            spaced = re.sub(r"\s+", sep, cased)
            yield spaced
            yield re.sub(r"(?<=[A-Za-z])(?=\d)", "-", spaced)
    if re.fullmatch(r"\d:\d\d", base):
        yield "0" + base


def fix_for_pattern(value: object, pattern: str) -> str | None:
    """A respelling of `value` that `pattern` accepts (`SEV2` -> `SEV-2`, `ai team` -> `ai-team`), or None."""
    if not isinstance(value, str):
        return None
    return next((s for s in _spellings(value) if s != value and s and re.fullmatch(pattern, s)), None)


def pattern_words(pattern: str) -> tuple[str, str] | None:
    """(what a value of `pattern` is, how it is written), or None for a pattern nobody has worded."""
    return PATTERNS.get(pattern)


def article(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun
