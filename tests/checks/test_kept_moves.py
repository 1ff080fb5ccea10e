"""DEST033: a destructive block's undo copies back the files the runbook keeps, never moves them; the finding is at
the undo."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.kept_moves import kept_prefixes, moves_kept
from playbook.data.load import load_catalog
from playbook.site.checking import check

RB = "procedures/rollback.yaml"
UNDO = "then copy every file of the newest `$DB_PATH.corrupt-*` folder back beside it (cp -p; the side files with it)."


@pytest.mark.parametrize(
    "new",
    [
        "then `mv` every file of the newest `$DB_PATH.corrupt-*` folder back beside it.",
        "then moving the files of the newest `$DB_PATH.corrupt-*` folder back is enough.",
    ],
)
def test_dest033_undo_moves_the_kept_copy(data_copy, new):
    edit(data_copy / RB, UNDO, new)
    found = [p for p in check(load_catalog(data_copy), ["DEST033"]) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {(f"data/{RB}", line_of(data_copy / RB, new))}


def test_dest033_moving_what_is_not_kept_passes(data_copy):
    edit(data_copy / RB, UNDO, UNDO + " Move `$DB_PATH.restoring` away if it is left.")
    assert check(load_catalog(data_copy), ["DEST033"]) == []


def test_dest033_real_data_passes(catalog):
    assert check(catalog, ["DEST033"]) == []


def test_kept_prefixes_direct_and_through_a_variable():
    code = 'k="$LOGS/kept-$(date +%s)"\nmkdir -- "$k"\nmkdir -p "/var/tmp/evidence-$(date +%F)"\nmkdir -p x'
    assert kept_prefixes([code]) == {"$LOGS/kept-", "/var/tmp/evidence-"}
    assert moves_kept("Copy back from `$LOGS/kept-*` (cp -p).", {"$LOGS/kept-"}) is None
