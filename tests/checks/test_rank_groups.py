"""SRCH014: a search concept's rank is the one the `# rank N:` comment heading its group gives; a rank retyped
inside a group is reported at the concept's line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.rank_groups import headed
from playbook.data.load import load_catalog
from playbook.site.checking import check

SEARCH = "search.yaml"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("{id: auth, rank: 2,", "{id: auth, rank: 1,"),  # a system raised over the questions asked
        ("{id: rollback, rank: 5,", "{id: rollback, rank: 8,"),
        ("{id: contact, rank: 1,", "{id: contact, rank: 7,"),
    ],
)
def test_a_rank_retyped_inside_its_group_is_found_at_its_line(data_copy, old, new):
    edit(data_copy / SEARCH, old, new)
    found = check(load_catalog(data_copy), ["SRCH014"])
    assert [(p.file, p.line) for p in found] == [(f"data/{SEARCH}", line_of(data_copy / SEARCH, new))], found


def test_a_concept_moved_with_its_heading_passes(data_copy):
    # the owner given rank 2 and put under its own heading of rank 2: the heading and the rank agree
    edit(data_copy / SEARCH, "  - {id: owner, rank: 1,", "  # rank 2: an owner, here\n  - {id: owner, rank: 2,")
    assert check(load_catalog(data_copy), ["SRCH014"]) == []


def test_headed():
    lines = [
        "a:",
        "  - {x: 0}",
        "b:",
        "  # rank 1: first",
        "  - {r: 1}",
        "  # a note",
        "  - {r: 1}",
        "  # rank 2",
        "  - {r: 2}",
    ]
    assert headed(lines, [5, 7, 9]) == [1, 1, 2]
    assert headed(["b:", "  - {r: 1}"], [2]) == [None]


def test_the_real_data_passes(catalog):
    assert check(catalog, ["SRCH014"]) == []
