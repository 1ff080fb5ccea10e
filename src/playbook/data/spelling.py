"""The words of a text, and their one spelling for the search: what a reader types and what the vocabulary
(data/search.yaml) lists meet as the same words, so that no list writes a word's other spellings.

docs/assets/pb-search.js's `normal` is the same function, word for word (tests/browser prove it): the build
ships the vocabulary in this spelling, the browser reads the typed words in it, and the checks compare the
vocabulary's words in it (SRCH004: a word or phrase written twice).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[A-Za-z0-9]+(?:'[a-z]+)?")
_SPLIT = re.compile(r"[a-z]+(?=\d)|\d[a-z\d]*|[a-z]+")  # a number after letters is a word: "sev1" is "sev 1"


def words(text: str, stop: Iterable[str] = ()) -> list[str]:
    """The lower-case words of `text`, bar stop words."""
    stop = stop if isinstance(stop, set | frozenset) else set(stop)
    return [w for w in (t.lower() for t in _WORD.findall(text)) if w not in stop]


# A negation in any spelling is the verb and "not" ("doesn't", "doesnt", "does not"; "can't", "cannot"); an
# apostrophe's "'s" is "is" after the words below, else a possessive and dropped; a plural is its singular;
# letters then digits are two words ("sev1", "p1" are "sev 1", "p 1"; "5xx" stays).
_VERBS = "do does did is are was were has have had could would should must need"  # "doesn't" is "does not"
_AUX = {"ca": "can", "wo": "will", "sha": "shall", "can": "can"} | {w: w for w in _VERBS.split()}
_IS = frozenset(["who", "what", "where", "when", "how", "that", "there", "here"])
_CONTRACTED = {"re": "are", "m": "am", "ll": "will", "ve": "have", "d": "would"}
# An ordinal typed in digits is its word, and so is one at the head of a word ("2nd" is second, "2ndary" secondary).
_ORDINALS = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "5th": "fifth"}
_ORDINAL = re.compile(r"^(1st|2nd|3rd|4th|5th)(?=[a-z]*$)")


def ordinal(word: str) -> str:
    """`word` with an ordinal in digits at its head written out: "2nd" -> "second", "2ndary" -> "secondary"."""
    return _ORDINAL.sub(lambda m: _ORDINALS[m.group(1)], word)


# English, not data: the particles a compound noun ends in, whose plural is three letters (no rule of length
# tells "ups" from "ips" or "has").
_PARTICLES = frozenset(["ups", "ins", "ons"])


def singular(word: str) -> str:
    """A plural's singular, by the spelling alone: "severities" -> "severity", "logs" -> "log"; "status",
    "access", "analysis" and words under four letters ("ips", "has") are kept, bar the plural of a particle
    ending a compound ("follow-ups", "write-ups", "check-ins": up, in)."""
    if word in _PARTICLES:
        return word[:-1]
    if len(word) >= 5 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) >= 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normal(tokens: Iterable[str]) -> list[str]:
    """The words of `tokens` (lower case, as `words` gives them, apostrophes kept) in their one spelling."""
    out: list[str] = []
    for w in tokens:
        base, _, tail = w.partition("'")
        if tail == "t" and base.endswith("n"):  # doesn't, can't, won't
            out += [_AUX.get(base[:-1], base[:-1]), "not"]
        elif tail == "s":
            out += [base, "is"] if base in _IS else [base]
        elif tail in _CONTRACTED:
            out += [base, _CONTRACTED[tail]]
        elif not tail and w.endswith("nt") and w[:-2] in _AUX:  # doesnt, cant, wont
            out += [_AUX[w[:-2]], "not"]
        elif w == "cannot":
            out += ["can", "not"]
        elif not tail and w.endswith("s") and w[:-1] in _IS:  # whos, whats
            out += [w[:-1], "is"]
        else:
            out.append(ordinal(base + tail))
    return [singular(p) for w in out for p in _SPLIT.findall(w)]
