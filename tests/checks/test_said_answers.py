"""CAT026: a search item whose answer is a level's section names that level in its why (when it names levels); the
finding is at the why's line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.said_answers import said_levels
from playbook.data.load import load_catalog
from playbook.site.checking import check

S = "search.yaml"

FAULTS = [
    # the spellings of one level, answered by another's section (sweep: SEV-3's why naming SEV-2)
    ("answer: severities.md#sev-3, why: The common spellings of SEV-3.",
     "answer: severities.md#sev-3, why: The common spellings of SEV-4.", "sev-3, why: The common spellings of SEV-4"),
    # a signal's level said as another, by the level's name
    ('why: "Requests turned away by the rate limiter, often: a SEV-3 signal."',
     'why: "Requests turned away by the rate limiter, often: a HIGH signal."', "often: a HIGH signal"),
    # the answer moved, the why kept its level: reported at the why, the line that says which
    ('answer: severities.md#sev-1, why: "An attacker got in', 'answer: severities.md#sev-2, why: "An attacker got in',
     "An attacker got in"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "marker"), FAULTS, ids=[f[2] for f in FAULTS])
def test_cat026_why_names_another_level(data_copy, old, new, marker):
    edit(data_copy / S, old, new)
    found = [p for p in check(load_catalog(data_copy), ["CAT026"]) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {(f"data/{S}", line_of(data_copy / S, marker))}, [
        p.format() for p in found
    ]


def test_cat026_real_data_passes(catalog):
    assert check(catalog, ["CAT026"]) == []


def test_cat026_reads_levels_outside_brackets(catalog):
    # an aside names other levels freely: "(slow queries are SEV-3)" beside a SEV-2 answer
    assert [lv for _, lv, _ in said_levels(catalog, "Degraded is SEV-2 (slow queries are SEV-3).")] == ["SEV-2"]
    assert said_levels(catalog, "What the post-mortem records.") == []
