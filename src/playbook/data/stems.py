"""lunr's word stems (Snowball's Porter with lunr's departures): one stemmer for the site's search and the checks."""

from __future__ import annotations

import re
from functools import cache

import snowballstemmer

_PORTER = snowballstemmer.stemmer("porter")
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
