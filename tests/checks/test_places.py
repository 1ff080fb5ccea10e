"""DEST019: a runbook keeps its copies of the data outside the temporary folders."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

ROLLBACK = "procedures/rollback.yaml"
KEEP = 'keep="$DB_PATH.corrupt-$(date -u +%Y%m%dT%H%M%SZ)"'
COPY = 'cp -p -- "$f" "$keep/"'


def test_real_data_passes(catalog):
    assert check(catalog, ["DEST019"]) == []


@pytest.mark.parametrize(
    ("old", "new", "marker"),
    [
        (KEEP, 'keep="${TMPDIR:-/tmp}/kept-db-$(date +%s)"', 'keep="${TMPDIR'),
        (COPY, 'cp -a -- "$f" /var/tmp/', "cp -a -- "),
        (KEEP, 'base=/dev/shm/incident\n          keep="$base/$(date +%F)"', "base=/dev/shm"),
    ],
    ids=["tmpdir-variable", "straight-into-var-tmp", "through-two-variables"],
)
def test_dest019_fault_at_the_line_that_places_it(data_copy, old, new, marker):
    edit(data_copy / ROLLBACK, old, new)
    found = check(load_catalog(data_copy), ["DEST019"])
    text = (data_copy / ROLLBACK).read_text(encoding="utf-8").splitlines()
    n = next(i for i, t in enumerate(text, 1) if marker in t)
    assert [(p.file, p.line) for p in found] == [(f"data/{ROLLBACK}", n)], [p.format() for p in found]
    assert "$DB_PATH" in found[0].message


def test_dest019_scratch_files_and_kept_copies_elsewhere_pass(data_copy):
    """A copy beside the data passes, and so does a temporary file that holds no copy of a placeholder's."""
    edit(data_copy / ROLLBACK, KEEP, 'keep="$(dirname -- "$DB_PATH")/kept-$(date -u +%s)"')
    scratch = 'ls -la "$keep" > /tmp/listing.txt\n          cp /tmp/listing.txt /tmp/x'
    edit(data_copy / ROLLBACK, 'ls -la "$keep"', scratch)
    assert check(load_catalog(data_copy), ["DEST019"]) == []


def test_sec021_real_data_passes(catalog):
    assert check(catalog, ["SEC021"]) == []


@pytest.mark.parametrize(
    ("old", "new", "marker"),
    [
        (KEEP, 'keep="$HOME/Google Drive/incident-$(date -u +%s)"', "Google Drive"),
        (COPY, 'cp -p -- "$f" ~/OneDrive/kept/', "~/OneDrive"),
        (KEEP, 'base="$HOME/Dropbox (Clinic)/db"\n          keep="$base/$(date +%F)"', "Dropbox (Clinic)"),
    ],
    ids=["google-drive-variable", "straight-into-onedrive", "through-two-variables"],
)
def test_sec021_fault_at_the_line_that_places_it(data_copy, old, new, marker):
    edit(data_copy / ROLLBACK, old, new)
    found = check(load_catalog(data_copy), ["SEC021"])
    text = (data_copy / ROLLBACK).read_text(encoding="utf-8").splitlines()
    n = next(i for i, t in enumerate(text, 1) if marker in t)
    assert [(p.file, p.line) for p in found] == [(f"data/{ROLLBACK}", n)], [p.format() for p in found]


def test_sec021_names_that_only_look_synced_pass(data_copy):
    """A folder whose name holds a service's name as part of a word (dropbox-export) is no synced folder."""
    edit(data_copy / ROLLBACK, KEEP, 'keep="$DB_PATH.dropbox-export-$(date -u +%s)"')
    assert check(load_catalog(data_copy), ["SEC021"]) == []
