"""Did-you-mean for values people mistype: the closest valid id, and what a field's pattern wants, in words."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

import yaml

CUTOFF = 0.75  # difflib ratio below which no guess is offered


def squash(text: str) -> str:
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
    same = [c for c in options if squash(c) == squash(value)]
    if len(same) == 1:
        return same[0]
    begun = [c for c in options if len(squash(value)) >= 3 and squash(c).startswith(squash(value))]
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
    """(what a value of `pattern` is, how it is written), as the model that declares it words it (or None)."""
    from playbook.data import files  # noqa: F401 - every model imported, so every pattern is worded
    from playbook.data.patterns import WORDED

    return WORDED.get(pattern)


def article(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def unquoted(text: str) -> Any:
    """What YAML reads `text` as without its quotes (true and false its only booleans; None: no plain scalar)."""
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    return None if isinstance(value, bool) and text.strip().lower() not in ("true", "false") else value


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, for small names (hand-written: difflib's ratio is no count of edits, and no library the
    project installs has one)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def one_edit(a: str, b: str) -> bool:
    """Whether `a` is `b` with one letter changed, added or dropped, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (a[i + 2 :] == b[i + 2 :] and a[i : i + 2] == b[i : i + 2][::-1])
    return a[i + 1 :] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1 :]
