"""FILE021: a one-line value that ends in a line break (a block scalar written to avoid quotes) in a field whose
other values hold none, found at the text's line; the real data and the near misses pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.one_line import first_text_line, keyed_texts
from playbook.data.load import load_catalog
from playbook.site.checking import check

WOF = "scenarios/write-operations-failing.yaml"
STEP = "  - title: Check error logs\n"

# (file, old, new, marker: the finding's line holds it)
FAULTS = [
    (WOF, STEP, "  - title: >\n      Check error logs\n", "      Check error logs"),
    ("meta.yaml", "meaning: Structured log export,", "meaning: |\n\n      Structured log export,", "Structured log"),
    ("procedures/rollback.yaml", "title: Rollback Strategy", 'title: "Rollback Strategy\\n"', "Rollback Strategy"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_fault_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["FILE021"])
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker))], [
        p.format() for p in found
    ]


NEAR_MISSES = [
    (WOF, STEP, "  - title: |-\n      Check error logs\n"),
    (WOF, STEP, '  - title: "Check: error logs"\n'),
]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["FILE021"])] == []


def test_a_field_whose_values_hold_line_breaks_takes_one_more():
    text = "a:\n  - code: |\n      ls\n  - code: |\n      one\n      two\n  - title: x\n"
    keyed = keyed_texts(text)
    assert sorted((k, n.value) for k, n in keyed) == [("code", "ls\n"), ("code", "one\ntwo\n"), ("title", "x")]
    (node,) = [n for k, n in keyed if n.value == "ls\n"]
    assert first_text_line(text.split("\n"), node) == (3, 7)


def test_the_real_data_passes(catalog):
    assert check(catalog, ["FILE021"]) == []
