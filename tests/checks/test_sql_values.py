"""REF021: a word SQL compares with a column of the app schema (`status = 'finalized'`) is spelled as the data's text
spells that value: one the text never uses, one letter changed or two swapped from one word it uses, is an error at
its line. A value the data does not speak of at all, or one letter longer (another word), passes."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.sql_values import compared_words, misspelt
from playbook.data.load import load_catalog
from playbook.site.checking import check

WRITES = "scenarios/write-operations-failing.yaml"
STATE, GROUP = "WHERE status = 'finalized'", "FROM ClinicalNote GROUP BY status;"

FAULTS = [
    (WRITES, STATE, "WHERE status = 'finalised'", "'finalised'"),  # set 16's M63: the British spelling
    (WRITES, GROUP, "FROM ClinicalNote WHERE status IN ('draft', 'finalzied') GROUP BY status;", "'finalzied'"),
]

NEAR_MISSES = [
    (WRITES, STATE, "WHERE status = 'draft'"),
    (WRITES, STATE, "WHERE status = 'amended'"),  # a value the data never names: nothing to compare with
    (WRITES, GROUP, "FROM ClinicalNote WHERE status IN ('draft', 'pending') GROUP BY status;"),  # not 'ending'
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_misspelt_value_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["REF021"])
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker))]
    assert "did you mean 'finalized'" in found[0].message


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_value_spelled_as_the_data_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["REF021"])] == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["REF021"]) == []


def test_which_words_are_compared_with_a_column():
    sql = "SELECT id FROM t WHERE status = 'finalised' AND \"status\" IN ('draft', 'x y') OR type = 'table'"
    assert compared_words(sql, {"status"}) == [(33, "finalised"), (62, "draft")]
    assert misspelt("finalised", {"finalized", "draft"}) == "finalized"
    assert misspelt("paused", {"caused", "passed"}) is None  # two words as near: no guess
