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
