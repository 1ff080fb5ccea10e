"""TOOL017: a block giving `date -d` a text GNU date does not read as a time (a file path: `-d` for `-r`), with the
placeholders at their defaults, is an error at that word; times, `-r FILE` and values the block computes pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.date_inputs import date_inputs, filled
from playbook.data.load import load_catalog
from playbook.site.checking import check

ROLLBACK = "procedures/rollback.yaml"
READ = 'date -u -r "$DB_BACKUP"'


@pytest.mark.parametrize("new", ['date -u --date "$DB_PATH"', 'date -ud "$DB_BACKUP"', "date --date=$DB_BACKUP -u"])
def test_a_path_given_as_a_time_is_found_at_its_line(data_copy, new):
    edit(data_copy / ROLLBACK, READ, new)
    found = check(load_catalog(data_copy), ["TOOL017"])
    assert [(p.file, p.line) for p in found] == [(f"data/{ROLLBACK}", line_of(data_copy / ROLLBACK, new))], found
    assert "invalid date 'prisma/dev.db" in found[0].message


@pytest.mark.parametrize(
    "new",
    ['date -u -d "$SINCE"', "date -u -d '1 hour ago'", 'date -u -r "$DB_PATH"', 'date -u -d "$keep"'],
)
def test_times_and_files_read_as_such_pass(data_copy, new):
    edit(data_copy / ROLLBACK, READ, new)
    assert check(load_catalog(data_copy), ["TOOL017"]) == []


def test_the_times_a_date_command_reads():
    assert date_inputs(["date", "-u", "-d", "x", "+%s"]) == [(3, "x")]
    assert date_inputs(["date", "-ud", "x"]) == [(2, "x")]
    assert date_inputs(["date", "-dnow", "--date=y", "--date", "z"]) == [(1, "now"), (2, "y"), (4, "z")]
    assert date_inputs(["date", "-r", "file", "-u"]) == [] and date_inputs(["date", "-rd"]) == []
    assert filled("$A ${B}", {"A": "1", "B": "2"}) == "1 2" and filled("$(cat f)", {}) is None
    assert filled("$unknown", {"A": "1"}) is None


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TOOL017"]) == []
