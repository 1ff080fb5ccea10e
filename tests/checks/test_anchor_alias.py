"""REF014: a scenario's anchor_alias is an anchor the data names (a link, a decision's text, the post-mortem
template): one nothing names is a misspelt alias, found at its line with the nearest named anchor."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

WRITE = "scenarios/write-operations-failing.yaml"
ALIAS = "anchor_alias: 2-write-operation-failure-spike"

FAULTS = [
    (ALIAS, "anchor_alias: 3-write-operation-failure-spike"),  # set 13 M47
    (ALIAS, "anchor_alias: 2-write-operations-failure-spike"),
    (ALIAS, "anchor_alias: write-operation-failure-spike"),
]


@pytest.mark.parametrize(("old", "new"), FAULTS)
def test_a_fault_is_found_at_its_line(data_copy, old, new):
    edit(data_copy / WRITE, old, new)
    found = check(load_catalog(data_copy), ["REF014"])
    assert [(p.file, p.line, p.rule) for p in found] == [(f"data/{WRITE}", line_of(data_copy / WRITE, new), "REF014")]
    assert "did you mean 2-write-operation-failure-spike" in found[0].hint


def test_no_alias_passes(data_copy):
    edit(data_copy / WRITE, ALIAS + "\n", "")
    assert check(load_catalog(data_copy), ["REF014"]) == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["REF014"]) == []
