"""Checker rule on the texts a drill expects a step to print: the text its source prints, not a near miss of it."""

from __future__ import annotations

import ctypes
import functools
import re
from collections.abc import Iterator

from playbook.checks.catalog import field_spelling
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import spots
from playbook.data.suggest import edit_distance

_WORDS = re.compile(r"[A-Za-z][A-Za-z']*|\d+")
FUZZY_MIN = 5  # a shorter word is one edit from too many others (ok, on, no) to tell a typo from another word
TEXT_FIELDS = ("stdout_contains", "stderr_contains", "stdout_lacks")


@functools.cache
def sqlite_messages() -> tuple[str, ...]:
    """SQLite's own error messages (`sqlite3_errstr` of each primary result code, from the library Python's sqlite3
    module runs), as the sqlite3 shell prints them: `file is not a database`, `database is locked`."""
    try:
        import _sqlite3

        errstr = ctypes.CDLL(_sqlite3.__file__).sqlite3_errstr
    except (ImportError, OSError, AttributeError):
        return ()
    errstr.restype, errstr.argtypes = ctypes.c_char_p, [ctypes.c_int]
    return tuple(dict.fromkeys(errstr(code).decode() for code in range(0, 29)))


def _known(ctx: CheckContext) -> list[list[str]]:
    """The word sequences of what the steps can print: every block's code (its echo, printf and quoted texts) and
    the messages of the tools they run."""
    cat = ctx.catalog

    def make() -> list[list[str]]:
        texts = [s.code for s in spots(cat)] + list(sqlite_messages())
        return [_WORDS.findall(t) for t in texts]

    return cat.memoized(("drill_texts", "known"), make)


def near_miss(text: str, known: list[list[str]]) -> str | None:
    """The known phrase `text` misspells (each word the same but one or two, each a letter or two off, none of
    them short), or None when `text` is known as written, or near nothing known."""
    words = _WORDS.findall(text)
    if not words or "$" in text:
        return None
    n = len(words)
    for seq in known:
        for i in range(len(seq) - n + 1):
            window = seq[i : i + n]
            if window == words:
                return None
    for seq in known:
        for i in range(len(seq) - n + 1):
            window = seq[i : i + n]
            off = [(w, k) for w, k in zip(words, window, strict=True) if w != k]
            if 0 < len(off) <= 2 and all(_typo(w, k) for w, k in off):
                return _restore(text, words, window)
    return None


def _typo(word: str, known: str) -> bool:
    if min(len(word), len(known)) < FUZZY_MIN:
        return False
    a, b = word.lower(), known.lower()
    swapped = len(a) == len(b) and any(a == b[:i] + b[i + 1] + b[i] + b[i + 2 :] for i in range(len(b) - 1))
    return swapped or edit_distance(a, b) <= (2 if len(known) >= 8 else 1)


def _restore(text: str, words: list[str], window: list[str]) -> str:
    """`text` with each of its words replaced by the known one (its punctuation and spacing kept)."""
    swap = dict(zip(words, window, strict=True))
    return _WORDS.sub(lambda m: swap.get(m.group(0), m.group(0)), text)


def _expectations(sc) -> Iterator[tuple[tuple, str]]:
    """(path, text) of every text a scenario's drill (and each variant) expects a step to print or not print."""
    groups = [(("drill", "steps"), sc.drill.steps)]
    groups += [(("drill", "variants", v, "steps"), var.steps) for v, var in enumerate(sc.drill.variants)]
    for base, steps in groups:
        for i, step in enumerate(steps):
            for field in TEXT_FIELDS:
                for j, text in enumerate(getattr(step.expect, field)):
                    yield (*base, i, "expect", field, j), text


_JSON_KEY = re.compile(r'"([A-Za-z][\w-]*)"\s*:')


def _log_key_meant(cat, text: str) -> str | None:
    """`text` with the log fields it names as JSON keys written as the logs write them ('"status_code":409' for
    the logs' statusCode: another case or separator, or a typo), or None when each is the logs' own or near none."""
    keys = {part for f in cat.data.log_format.fields for part in str(f.path).split(".")}
    swap = {}
    for key in set(_JSON_KEY.findall(text)) - keys:
        near = [k for k in keys if field_spelling(k) == field_spelling(key) or _typo(key, k)]
        if len(near) == 1:
            swap[key] = near[0]
    return _JSON_KEY.sub(lambda m: f'"{swap.get(m[1], m[1])}":', text) if swap else None


@rule(
    "REF012",
    "error",
    "a text a drill expects a step to print is the text the step or its tool prints, not a near miss of it",
    "A drill that waits for `file is not a databse` never sees it: the drill fails on a correct diagnosis, or, "
    "under stdout_lacks, passes whatever the step prints.",
    "copy the text from the step's code (its echo) or the tool's own message (SQLite's: sqlite3_errstr)",
)
def drill_texts_known(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    known = None
    for sid, sc in cat.scenarios.items():
        if sc.drill is None:
            continue
        for path, text in _expectations(sc):
            known = known if known is not None else _known(ctx)
            meant = near_miss(text, known) or _log_key_meant(cat, text)
            if meant is not None:
                yield report(cat.source[sid], path, f"the drill expects {text!r}, which nothing prints; "
                             f"did you mean {meant!r}?", needle=text)  # fmt: skip
