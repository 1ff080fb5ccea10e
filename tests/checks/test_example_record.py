"""CAT010: the log format's example record is of the format (each value of its field's declared type, from its enum,
an ISO-8601 time where the help says so). Each fault at the value's line; the real data and near misses pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

CAT = "catalog.yaml"

# (old, new, marker: the finding's line holds it)
FAULTS = [
    ("statusCode: 500, duration: 1250}", 'statusCode: 500, duration: "1.25s"}', '"1.25s"'),  # set 13 M43
    ("statusCode: 500, duration: 1250}", 'statusCode: "500", duration: 1250}', 'statusCode: "500"'),
    ("    level: error\n", "    level: fatal\n", "level: fatal"),
    ('timestamp: "2026-01-14T10:30:00.000Z"', 'timestamp: "14/01/2026 10:30"', "14/01/2026"),
    ("    message: Database query failed\n", "    message: 42\n", "message: 42"),
]

NEAR_MISSES = [
    ("statusCode: 500, duration: 1250}", "statusCode: 503, duration: 20}"),
    ('timestamp: "2026-01-14T10:30:00.000Z"', 'timestamp: "2026-01-14T10:30:00+00:00"'),
    ("    level: error\n", "    level: warn\n"),
]


@pytest.mark.parametrize(("old", "new", "marker"), FAULTS)
def test_a_fault_is_found_at_its_line(data_copy, old, new, marker):
    edit(data_copy / CAT, old, new)
    found = [p for p in check(load_catalog(data_copy), ["CAT010"]) if p.line == line_of(data_copy / CAT, marker)]
    assert [(p.file, p.rule) for p in found] == [(f"data/{CAT}", "CAT010")], [p.format() for p in found]


@pytest.mark.parametrize(("old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, old, new):
    edit(data_copy / CAT, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["CAT010"])] == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["CAT010"]) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("{path: context.statusCode,", "{path: context.status_code,"),  # set 15 M69 (spent): the declaration edited
        ("statusCode: 500, duration", "status_code: 500, duration"),  # the example edited
    ],
)
def test_a_field_spelt_two_ways_is_found_at_its_declaration_and_in_the_example(data_copy, old, new):
    edit(data_copy / CAT, old, new)
    text = (data_copy / CAT).read_text(encoding="utf-8").splitlines()
    declared = next(n for n, line in enumerate(text, 1) if "{path: context.status" in line)
    example = next(n for n, line in enumerate(text, 1) if "500, duration: 1250}" in line)
    found = check(load_catalog(data_copy), ["CAT010"])
    assert {(p.file, p.line) for p in found} == {(f"data/{CAT}", declared), (f"data/{CAT}", example)}, [
        p.format() for p in found
    ]


def test_an_enum_that_lost_the_examples_value_is_found_at_the_enum_and_the_example(data_copy):
    """The level's enum rewritten in syslog's words (set 25's M44): the example's 'error' is out of it; the enum may
    be the edit, so both lines are named."""
    old = "enum: [debug, info, warn, error]"
    edit(data_copy / CAT, old, "enum: [debug, info, notice, warning, err, crit]")
    found = check(load_catalog(data_copy), ["CAT010"])
    lines = {line_of(data_copy / CAT, "enum: [debug, info, notice"), line_of(data_copy / CAT, "    level: error")}
    assert {(p.file, p.line) for p in found} == {(f"data/{CAT}", n) for n in lines}, [p.format() for p in found]
