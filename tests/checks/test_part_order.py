"""DEST026: a step's text never frees the order of its parts when a check gates a destructive part after it."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

RB = "procedures/rollback.yaml"
OLD = "Run the parts in order: each one stops"


def test_real_data_passes(catalog):
    assert check(catalog, ["DEST026"]) == []


@pytest.mark.parametrize(
    "new",
    ["The parts can run in parallel: each one stops", "Run the parts independently: each one stops"],
    ids=["parallel", "independently"],
)
def test_dest026_fault_at_the_text(data_copy, new):
    path = data_copy / RB
    edit(path, OLD, new)
    found = check(load_catalog(data_copy), ["DEST026"])
    assert [(p.file, p.line) for p in found] == [(f"data/{RB}", line_of(path, new))], [p.format() for p in found]


def test_dest026_negated_or_ungated_passes(data_copy):
    path = data_copy / RB
    edit(path, OLD, "Never run the parts in parallel: each one stops")
    assert check(load_catalog(data_copy), ["DEST026"]) == []
    # the deployment step has no gate before its destructive block: its text may say what it likes about order
    edit(path, "Check what changed first.", "Check what changed, in any order.")
    assert check(load_catalog(data_copy), ["DEST026"]) == []
