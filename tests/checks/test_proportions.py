"""DEC017: a proportion said between two durations is their ratio."""

from __future__ import annotations

from fractions import Fraction

import pytest

from conftest import edit, line_of
from playbook.checks.proportions import wrong_proportions
from playbook.data.load import load_catalog
from playbook.site.checking import check

DEC = "decisions.yaml"


@pytest.mark.parametrize("word", ["a quarter", "twice", "a third"])
def test_a_wrong_proportion_is_an_error_at_its_line(data_copy, catalog, word):
    assert check(catalog, ["DEC017"]) == []  # the real data passes ("half" of 2 hours and 4 hours)
    edit(data_copy / DEC, "That is half the SEV-1 resolve SLA", f"That is {word} the SEV-1 resolve SLA")  # set 26's M43
    found = check(load_catalog(data_copy), ["DEC017"])
    want = [("DEC017", f"data/{DEC}", line_of(data_copy / DEC, f"That is {word} the SEV-1"))]
    assert [(p.rule, p.file, p.line) for p in found] == want, [p.format() for p in found]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("open 2 hours after declaration. That is half the SLA (4 hours).", []),
        ("open 30 minutes. That is half the SLA (1 hour).", []),  # units differ
        ("acked in 15 min, twice the 5 minutes asked", [("twice", Fraction(2), Fraction(3))]),
        ("That is a quarter of the SLA (4 hours).", []),  # no duration before it: nothing to compare
        ("half the users in 2 hours", []),  # no duration after it
    ],
)
def test_the_ratio_is_read_from_the_durations_beside_the_word(text, wrong):
    assert wrong_proportions(text) == wrong
