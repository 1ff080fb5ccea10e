"""REF028: a `$NAME` a runbook's text names that no placeholder declares is found at its line; declared names,
names a block sets, the code itself (REF009's) and the real data pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

ROLLBACK = "procedures/rollback.yaml"
UNDO = 'undo: "Stop the app again, delete $DB_PATH, then'
DB = "scenarios/database-down.yaml"

FAULTS = [
    # the sweep's silent typo: D typed as its neighbour F in the undo a responder types by hand
    (ROLLBACK, UNDO, UNDO.replace("$DB_PATH", "$FB_PATH"), "delete $FB_PATH"),
    (ROLLBACK, UNDO, UNDO.replace("$DB_PATH", "${DB_PTH}"), "delete ${DB_PTH}"),
    (ROLLBACK, "Replaces the database file at $DB_PATH", "Replaces the database file at $DB_PAHT", "$DB_PAHT"),
]

NEAR_MISSES = [
    (ROLLBACK, UNDO, UNDO.replace("$DB_PATH", "$DB_BACKUP")),  # another declared placeholder
    (ROLLBACK, UNDO, UNDO.replace("$DB_PATH", "$HOME/clinical-os/dev.db")),  # the environment's
    (ROLLBACK, UNDO, UNDO.replace("$DB_PATH", "$1")),  # no name
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_an_undeclared_name_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = [(p.file, p.line, p.rule) for p in check(load_catalog(data_copy), ["REF028"])]
    assert found == [(f"data/{file}", line_of(data_copy / file, marker), "REF028")], found


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["REF028"])] == []


def test_code_is_left_to_shellcheck(data_copy):
    edit(data_copy / DB, 'sqlite3 -readonly "$DB_PATH" "SELECT 1;"', 'sqlite3 -readonly "$DB_PTH" "SELECT 1;"')
    assert check(load_catalog(data_copy), ["REF028"]) == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["REF028"]) == []
