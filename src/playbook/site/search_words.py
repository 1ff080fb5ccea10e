"""Search words: word forms, families and typos, over the stemmer the site's search uses (data/stems.py).

The browser's search (lunr, in the theme's worker) stems every indexed word and every typed word with
lunr's Porter stemmer: pb-search.js sends each typed word without a wildcard, so lunr's pipeline stems
it exactly as it stemmed the index. The build needs the same stems for what it ships beside the index
(the concepts' word forms): `stem` (data/stems.py) is Snowball's Porter stemmer with lunr's two departures from it,
and tests/site/test_search_words.py proves that it groups the site's vocabulary as lunr.js does.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from playbook.data.catalog import Catalog
from playbook.data.spelling import words
from playbook.data.stems import stem


def families(vocabulary: Iterable[str]) -> dict[str, set[str]]:
    """The words of `vocabulary` grouped by stem."""
    out: dict[str, set[str]] = {}
    for w in vocabulary:
        out.setdefault(stem(w), set()).add(w.lower())
    return out


# The endings pb-search.js's same() reads without a list ("checked", "stopped"): no word form ships for them.
_ENDINGS = {"s", "es", "d", "ed", "er", "ers", "ing", "ings", "y"}  # "y": an adjective of a noun, "healthy"


def word_forms(word: str, family: set[str]) -> list[str]:
    """The other words of `word`'s stem family that are forms of it: past the part they share, each ends in at
    most three letters ("escalating" for "escalate"), which keeps out what Porter's stemmer merely conflates
    ("several" for "severity", "document" for "documentation"). Words under 4 letters have none ("on" is not
    "one")."""
    if len(word) < 4:
        return []

    def form(f: str) -> bool:
        shared = len(os.path.commonprefix([word, f]))
        return shared >= len(word) - 1 and max(len(word), len(f)) - shared <= 3

    return sorted(f for f in family - {word} if form(f) and not inflected(f, word))


def inflected(typed: str, word: str) -> bool:
    """`typed` is `word` with an ending pb-search.js's `same` reads without a list: "checked", "stopped"."""
    rest = typed.removeprefix(word) if len(word) >= 3 and typed.startswith(word) else None
    if rest is None:
        return False
    return rest in _ENDINGS or (rest[:1] == word[-1:] and rest[1:] in ("ed", "ing", "er"))


def one_typo(a: str, b: str) -> bool:
    """One letter added, dropped or changed, or two side by side swapped (pb-search.js's oneTypo)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :])
    return a[i + 1 :] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1 :]


def near_words(vocabulary: set[str], used: set[str], least: int = 5) -> list[str]:
    """The words of the data one typo away from a concept word ("wording" for "working"): typed, they are
    meant as themselves, so the browser takes them for no typo."""
    long = [w for w in used if len(w) >= least and w.isalpha()]
    return sorted(
        v
        for v in vocabulary
        if len(v) >= least and v not in used and any(one_typo(v, w) and stem(v) != stem(w) for w in long)
    )


def stop_forms(stop: Iterable[str]) -> set[str]:
    """The -ing forms of the stop words ("being", "doing", "having", "getting"): English words the reader types as
    themselves, which the browser must never take for a typo of a concept word ("being" is no "bring")."""
    out = set()
    for w in stop:
        if w.isalpha() and len(w) >= 2:
            out.add(w[:-1] + "ing" if w.endswith("e") and len(w) > 2 else w + "ing")
            if re.fullmatch(r"[a-z]*[^aeiou][aeiou][^aeiouwy]", w):  # a short vowel before one consonant: "get"
                out.add(w + w[-1] + "ing")
    return out


def data_words(cat: Catalog) -> set[str]:
    """Every word of three letters or more the data writes (its values, its runbooks)."""
    parts = [getattr(cat, n) for n in cat.__dataclass_fields__ if hasattr(getattr(cat, n), "model_dump")]
    parts += [*cat.procedures.values(), *cat.scenarios.values()]
    text = " ".join(_strings(p.model_dump(mode="json")) for p in parts)
    return {w for w in words(text) if w.isalpha() and len(w) >= 3}


def _strings(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(_strings(v) for v in value.values())
    if isinstance(value, list | tuple):
        return " ".join(_strings(v) for v in value)
    return ""


_RATE = re.compile(r"\b([a-z]+) per ([a-z]+)\b")


def initialisms(cat: Catalog, vocabulary: set[str]) -> dict[str, str]:
    """{initialism: its words} of each rate the dashboard or a metric's help names ("requests per second" is rps,
    as engineers type it), unless it is a word of the data or a short form data/search.yaml already reads."""
    texts = [i.text for p in cat.dashboard.panels for i in p.items] + [m.help for m in cat.data.metrics]
    taken = vocabulary | {s.lower() for a in cat.search.abbreviations for s in a.short}
    out: dict[str, str] = {}
    for text in texts:
        for a, b in _RATE.findall(text.lower()):
            short = f"{a[0]}p{b[0]}"
            if short not in taken:
                out.setdefault(short, f"{a} per {b}")
    return out
