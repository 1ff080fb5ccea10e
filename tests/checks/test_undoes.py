"""DEST025: the commands a destructive block's undo: gives delete nothing the block did not change."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

RB = "procedures/rollback.yaml"
OLD = "then copy every file of the newest `$DB_PATH.corrupt-*` folder back beside it (cp -p; the side files with it)."


def test_real_data_passes(catalog):
    assert check(catalog, ["DEST025"]) == []


@pytest.mark.parametrize(
    "new",
    [
        "then run `rsync -a --delete-after $keep/ prisma/` with the newest `$DB_PATH.corrupt-*` folder as $keep.",
        "then copy the newest `$DB_PATH.corrupt-*` folder back and `find prisma -newer $DB_PATH -delete`.",
        "then copy the newest `$DB_PATH.corrupt-*` folder back beside it and `rm -f $DB_BACKUP` (stale now).",
    ],
    ids=["rsync-delete-after", "find-delete", "removes-the-backup"],
)
def test_dest025_fault_at_the_undo_line(data_copy, new):
    path = data_copy / RB
    edit(path, OLD, new)
    found = check(load_catalog(data_copy), ["DEST025"])
    assert [(p.file, p.line) for p in found] == [(f"data/{RB}", line_of(path, new[:40]))], [p.format() for p in found]


def test_dest025_removing_what_changes_names_passes(data_copy):
    """The undo deletes $DB_PATH, which changes: names (it is what the restore replaced), and rsync without --delete."""
    edit(data_copy / RB, OLD, "then `rm -f $DB_PATH` and `rsync -a` the newest `$DB_PATH.corrupt-*` folder back.")
    assert check(load_catalog(data_copy), ["DEST025"]) == []
