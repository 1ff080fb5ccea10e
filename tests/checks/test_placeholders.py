"""REF029: a placeholder whose default names a file (meta.yaml) used as a folder (`$DB_PATH/`) is an error at its
line and column; a file beside it, its folder, and a host's address with a path pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.placeholders import file_placeholders
from playbook.data.load import load_catalog
from playbook.site.checking import check

DB = "scenarios/database-down.yaml"
LS = '        code: ls -la "$DB_PATH"'
GREP = '          grep "userId\\":\\"$USER_ID\\"" "$LOG_FILE"'

FAULTS = [
    # spent set 21 M68's kind: a trailing slash on the database file
    (DB, LS, '        code: ls -la "$DB_PATH/"', '"$DB_PATH/"'),
    # braces, and a name under it
    ("procedures/log-access.yaml", GREP, GREP.replace('"$LOG_FILE"', '"${LOG_FILE}/today"'), "${LOG_FILE}/today"),
]

NEAR_MISSES = [
    (DB, LS, '        code: ls -la "$DB_PATH" "$DB_PATH-wal" "$(dirname "$DB_PATH")/"'),
    (DB, LS, '        code: ls -la "$DB_PATH.corrupt-1/"'),  # another path, after the file's name
]


def _found(data) -> list:
    return [p for p in check(load_catalog(data), ["REF029"]) if p.level == "error"]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS, ids=[f[3] for f in FAULTS])
def test_a_file_used_as_a_folder_is_an_error_at_its_line_and_column(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    (p,) = _found(data_copy)
    (line,) = [x for x in (data_copy / file).read_text().splitlines() if marker in x]
    assert (p.file, p.line) == (f"data/{file}", line_of(data_copy / file, marker))
    assert line[p.col - 1 :].startswith(marker.strip('"')), (line, p.col)


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES, ids=[n[2][-26:] for n in NEAR_MISSES])
def test_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert _found(data_copy) == []


def test_file_placeholders_are_those_whose_default_names_a_file(catalog):
    # meta.yaml: prisma/dev.db, prisma/dev.db.backup, logs.json; not https://app.dramal.com, nor dramal/clinical-os
    assert file_placeholders(catalog) == {"DB_PATH", "DB_BACKUP", "LOG_FILE"}


def test_real_data_passes(catalog):
    assert check(catalog, ["REF029"]) == []
