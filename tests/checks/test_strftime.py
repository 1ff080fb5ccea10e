"""TOOL010: a time format given to `date` or strftime holds only the tool's directives, the month (%m) in the date
and the minute (%M) in the time of day. Each fault at its line; the real data and the near misses pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.strftime import date_directives, formats, problems
from playbook.data.load import load_catalog
from playbook.site.checking import check

ROLLBACK = "procedures/rollback.yaml"
KEEP = "date -u +%Y%m%dT%H%M%SZ"
LOST = "+%Y-%m-%dT%H:%M:%SZ"

# (file, old, new, marker: the finding's line holds it)
FAULTS = [
    (ROLLBACK, KEEP, "date -u +%Y%m%dT%H%m%SZ", "%H%m%S"),  # set 12 M63 (spent)
    (ROLLBACK, LOST, "+%Y-%M-%dT%H:%M:%SZ", "%Y-%M-%d"),  # a minute in the date
    (ROLLBACK, LOST, "+%Y-%m-%dT%H:%m:%SZ", "%H:%m"),
    (ROLLBACK, KEEP, "date -u +%Y%m%dT%H%M%QZ", "%QZ"),  # no directive of date
]

NEAR_MISSES = [
    (ROLLBACK, KEEP, "date -u +%Y-%m-%d_%H-%M-%S"),
    (ROLLBACK, KEEP, "date -u +%s"),
    (ROLLBACK, KEEP, "date -u +%FT%T%:z"),
    (ROLLBACK, KEEP, "date -u +%m%d-%H%M"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_fault_is_found_at_itsline_of(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["TOOL010"])
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker))], [
        p.format() for p in found
    ]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["TOOL010"])] == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TOOL010"]) == []


def test_date_lists_its_directives():
    assert {"Y", "m", "d", "H", "M", "S", "z", ":z"} <= (date_directives() or set())


@pytest.mark.parametrize(
    ("fmt", "flagged"),
    [("%Y%m%dT%H%m%SZ", "%m"), ("%Y-%M-%d", "%M"), ("%d/%M/%Y", "%M"), ("%H:%m", "%m"), ("%Y-%m-%d %H:%m", "%m")],
)
def test_month_and_minute_swapped(fmt, flagged):
    (found,) = problems(fmt, None)
    assert fmt[found[0] : found[0] + 2] == flagged


@pytest.mark.parametrize("fmt", ["%Y-%m-%dT%H:%M:%SZ", "%H%M", "%m%d", "%d %B %Y, %H:%M", "minutes %M"])
def test_a_right_format_passes(fmt):
    assert problems(fmt, None) == []


def test_formats_of_date_and_strftime():
    code = 'k="$(date -u +%Y%m%d)"\njq -r \'.t | strftime("%H:%M")\' x.json\nsqlite3 db "SELECT strftime(\'%Y\', t)"'
    assert formats(code, "shell") == [("date", "%Y%m%d"), ("strftime", "%H:%M"), ("strftime", "%Y")]
