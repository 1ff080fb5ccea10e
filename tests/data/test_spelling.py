"""One spelling for the search: what a reader types and what the vocabulary lists meet as the same words."""

from __future__ import annotations

import pytest

from playbook.data.spelling import normal, singular, words


@pytest.mark.parametrize(
    ("typed", "want"),
    [
        # a negation in any spelling is the verb and "not"
        ("doesn't respond", ["doe", "not", "respond"]),
        ("doesnt respond", ["doe", "not", "respond"]),
        ("does not respond", ["doe", "not", "respond"]),
        ("can't sign in", ["can", "not", "sign", "in"]),
        ("cannot sign in", ["can", "not", "sign", "in"]),
        ("won't load", ["will", "not", "load"]),
        ("wont load", ["will", "not", "load"]),
        # "'s" is "is" after who, what, …; else a possessive, dropped
        ("who's next", ["who", "is", "next"]),
        ("whos next", ["who", "is", "next"]),
        ("the primary's pager", ["the", "primary", "pager"]),
        ("we're down", ["we", "are", "down"]),
        # a plural is its singular; "status", "access" and short words stay
        ("logs notes severities", ["log", "note", "severity"]),
        ("status access analysis ips has", ["status", "access", "analysis", "ips", "has"]),
        # letters, then a number: two words ("sev1" is "sev 1"); a number first stays one ("5xx")
        ("sev1 p0 p99", ["sev", "1", "p", "0", "p", "99"]),
        ("5xx 429s", ["5xx", "429"]),
        # words that only look like a negation or a plural keep their spelling
        ("event want client", ["event", "want", "client"]),
    ],
)
def test_one_spelling(typed, want):
    assert normal(words(typed)) == want


def test_singular_needs_four_letters():
    assert [singular(w) for w in ("logs", "ips", "queries", "dies", "series")] == ["log", "ips", "query", "die", "sery"]
    assert [singular(w) for w in ("ups", "ins", "has")] == ["up", "in", "has"], "a compound's particle: follow-ups"
