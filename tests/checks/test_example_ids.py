"""REF027: an example id typed elsewhere with a character or two changed is found at its line; ids that extend one
another, different ids and the real data pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.example_ids import misspelt_ids
from playbook.data.load import load_catalog
from playbook.site.checking import check

META = "meta.yaml"
CAT = "catalog.yaml"
LOGS = "procedures/log-access.yaml"

FAULTS = [
    # an id typed in a runbook, near the example's (typed twice: in the placeholder's default and the record)
    (META, "default: user_456", "default: user_46", "user_46"),  # typed in the record and a decision: meta is odd
    (LOGS, '--arg user "$USER_ID"', '--arg user "${USER_ID:-user_465}"', "user_465"),
]

NEAR_MISSES = [
    (META, "default: user_456", "default: user_4567"),  # extends it: another id on purpose
    (META, "default: user_456", "default: user_789"),  # another id altogether
    (META, "default: req_1705228200000_abc123", "default: req_1705228299999_xyz789"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_misspelt_id_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = [(p.file, p.line, p.rule) for p in check(load_catalog(data_copy), ["REF027"])]
    assert found == [(f"data/{file}", line_of(data_copy / file, marker), "REF027")], found


# set 20 M67's kind: the placeholder's default and the log format's example record, each typed once: which of the
# two the example meant is the editor's call, so both lines are reported, the edited one among them
TWICE = [
    (META, "default: req_1705228200000_abc123", "default: req_1705228200000_acb123", "acb123", "abc123"),
    (CAT, "requestId: req_1705228200000_abc123", "requestId: req_1705228200000_abc213", "abc213", "abc123"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker", "other"), TWICE)
def test_an_id_typed_once_each_way_is_found_at_both_lines(data_copy, file, old, new, marker, other):
    edit(data_copy / file, old, new)
    found = {(p.file, p.line) for p in check(load_catalog(data_copy), ["REF027"])}
    second = CAT if file == META else META
    assert found == {
        (f"data/{file}", line_of(data_copy / file, marker)),
        (f"data/{second}", line_of(data_copy / second, other)),
    }


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["REF027"])] == []


def test_the_rarer_spelling_is_the_typo():
    typed = {"user_456": [("a", 1, 1), ("b", 2, 1)], "user_465": [("c", 3, 1)]}
    assert misspelt_ids(typed) == [("user_465", "user_456")]


def test_the_real_data_passes(catalog):
    assert check(catalog, ["REF027"]) == []
