"""DEST028: a work file a block reads or moves in is written by an earlier command of the block, not the file it is
made from: the finding is at the write that went to the base file (or at the first use when nothing writes it)."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.staged_elsewhere import unwritten
from playbook.checks.workfiles import works
from playbook.data.load import load_catalog
from playbook.site.checking import check

R = "procedures/rollback.yaml"
WRITE = 'sqlite3 "$restoring" ".restore \'$DB_BACKUP\'"'

# (old, new, marker: the text of the line the finding must be on)
FAULTS = [
    # set 18 M27's kind: the backup copied straight over the live file, the staged file checked and moved unwritten
    (WRITE, 'cp -p -- "$DB_BACKUP" "$DB_PATH"', 'cp -p -- "$DB_BACKUP" "$DB_PATH"'),
    # ... or restored into it through a redirection of sqlite3's dump
    (WRITE, 'sqlite3 -readonly "$DB_BACKUP" .dump | sqlite3 "$DB_PATH"', ".dump | sqlite3"),
    # set 17 M35's kind: .restore's operands swapped, the backup written from a work file nothing wrote
    (WRITE, 'sqlite3 "$DB_BACKUP" ".restore \'$restoring\'"', "\".restore '$restoring'\""),
    # the write dropped altogether: the check reads a file nothing wrote (reported at the check, its first use)
    (WRITE, 'echo "restoring from $DB_BACKUP"', 'check=$(sqlite3 -readonly "$restoring"'),
]


@pytest.mark.parametrize(("old", "new", "marker"), FAULTS, ids=["cp", "dump", "swapped", "dropped"])
def test_dest028_a_staged_file_never_written_is_an_error(data_copy, old, new, marker):
    edit(data_copy / R, old, new)
    found = [p for p in check(load_catalog(data_copy), ["DEST028"]) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {(f"data/{R}", line_of(data_copy / R, marker))}, [
        p.format() for p in found
    ]


def test_dest028_real_data_passes(catalog):
    assert check(catalog, ["DEST028"]) == []


NEAR_MISSES = [
    # written, checked, moved in: the live file is written by the move alone
    'tmp="$DB_PATH.tmp"\nsqlite3 "$tmp" ".restore x"\nsqlite3 -readonly "$tmp" "PRAGMA integrity_check;"\n'
    'mv -f -- "$tmp" "$DB_PATH"',
    # written by a redirection first, then read
    'out="$DB_PATH.sql"\nsqlite3 -readonly "$DB_PATH" .dump > "$out"\nwc -l "$out"',
    # only tested for and removed: neither read nor moved
    'old="$DB_PATH.old"\nif [[ -e "$old" ]]; then rm -f -- "$old"; fi\nsqlite3 "$DB_PATH" "VACUUM;"',
]


@pytest.mark.parametrize("code", NEAR_MISSES)
def test_dest028_near_misses_pass(code):
    assert all(unwritten(code, w) is None for w in works(code, {"DB_PATH"}))
