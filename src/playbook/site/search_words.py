"""Search words: the stemmer the site's search uses (lunr's Porter, via Snowball), and the words of a text.

The browser's search (lunr, in the theme's worker) stems every indexed word and every typed word with
lunr's Porter stemmer: pb-search.js sends each typed word without a wildcard, so lunr's pipeline stems
it exactly as it stemmed the index. The build needs the same stems for what it ships beside the index
(the concepts' word forms): `stem` is Snowball's Porter stemmer with lunr's two departures from it,
and tests/site/test_search_words.py proves that it groups the site's vocabulary as lunr.js does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import snowballstemmer

_PORTER = snowballstemmer.stemmer("porter")
_WORD = re.compile(r"[A-Za-z0-9]+(?:'[a-z]+)?")
_VOWEL_Y = re.compile(r"(?<=[aeiou])i$")
_CONSONANT_Y = re.compile(r"^(.+[^aeiou])y$")
_MIN_STEM = 3


@cache
def stem(word: str) -> str:
    """lunr's stem of `word`: Snowball's Porter stem, except that, as lunr.js does, a word under three
    letters is kept, a final "y" after a vowel stays "y" ("deploy", "days") and one after a consonant
    becomes "i" ("try", "why"). Kept by hand: no Python package ships lunr's variant of Porter."""
    w = word.lower()
    if len(w) < _MIN_STEM:
        return w
    s = _PORTER.stemWord(w)
    if _CONSONANT_Y.match(s) and s == w:
        return s[:-1] + "i"
    return _VOWEL_Y.sub("y", s) if not w.endswith("i") else s


def words(text: str, stop: Iterable[str] = ()) -> list[str]:
    """The lower-case words of `text`, bar stop words."""
    stop = stop if isinstance(stop, set | frozenset) else set(stop)
    return [w for w in (t.lower() for t in _WORD.findall(text)) if w not in stop]


def families(vocabulary: Iterable[str]) -> dict[str, set[str]]:
    """The words of `vocabulary` grouped by stem."""
    out: dict[str, set[str]] = {}
    for w in vocabulary:
        out.setdefault(stem(w), set()).add(w.lower())
    return out
