"""DEST010: each placeholder a command of a destructive block removes, moves or overwrites is named in changes:."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

ROLLBACK = "procedures/rollback.yaml"


def test_real_data_passes(catalog):
    assert check(catalog, ["DEST010"]) == []


@pytest.mark.parametrize(
    ("old", "new", "marker", "name"),
    [
        ('mv -f -- "$restoring" "$DB_PATH"', 'mv -f -- "$DB_BACKUP" "$DB_PATH"', 'mv -f -- "$DB_BACKUP"', "DB_BACKUP"),
        (
            'rm -f -- "$DB_PATH-wal" "$DB_PATH-shm" "$DB_PATH-journal"',
            'rm -f -- "$DB_PATH"*  # every side file',
            'rm -f -- "$DB_PATH"*',
            "DB_BACKUP",
        ),
        (
            "vercel rollback --yes",
            'vercel rollback --yes\n          vercel remove "$VERCEL_PROJECT" --yes',
            "vercel remove",
            "VERCEL_PROJECT",
        ),
        (
            'sqlite3 "$restoring" ".restore \'$DB_BACKUP\'"',
            'sqlite3 -bail "$DB_BACKUP" ".restore main $restoring"',
            "sqlite3 -bail",
            "DB_BACKUP",
        ),
        # the other way round: `.backup` and `.save` overwrite the file they name with the (new, empty) database opened
        (
            'sqlite3 "$restoring" ".restore \'$DB_BACKUP\'"',
            'sqlite3 "$restoring" ".backup \'$DB_BACKUP\'"',
            ".backup '$DB_BACKUP'",
            "DB_BACKUP",
        ),
        (
            'sqlite3 "$restoring" ".restore \'$DB_BACKUP\'"',
            'sqlite3 -bail "$restoring" ".save $DB_BACKUP"',
            ".save $DB_BACKUP",
            "DB_BACKUP",
        ),
    ],
    ids=["backup-moved", "glob-over-backup", "remove-subcommand", "restore-into-backup", "backup-over", "save-over"],
)
def test_dest010_fault_at_the_command_line(data_copy, old, new, marker, name):
    edit(data_copy / ROLLBACK, old, new)
    found = check(load_catalog(data_copy), ["DEST010"])
    text = (data_copy / ROLLBACK).read_text(encoding="utf-8").splitlines()
    n = next(i for i, t in enumerate(text, 1) if marker in t)
    col = len(text[n - 1]) - len(text[n - 1].lstrip()) + 1
    assert [(p.file, p.line, p.col) for p in found] == [(f"data/{ROLLBACK}", n, col)], [p.format() for p in found]
    assert f"${name}" in found[0].message


def test_dest010_siblings_pass(data_copy):
    """A quoted star is no glob, and a placeholder the changes: names (or a local variable) is said."""
    edit(data_copy / ROLLBACK, 'rm -f -- "$DB_PATH-wal"', 'rm -f -- "$DB_PATH*" "$DB_PATH-wal"')
    edit(
        data_copy / ROLLBACK,
        'mv -f -- "$restoring" "$DB_PATH"',
        'mv -f -- "$restoring" "$DB_PATH"\n          rm -f -- "$keep"',
    )
    assert check(load_catalog(data_copy), ["DEST010"]) == []


def test_dest010_a_backup_copied_out_passes(data_copy):
    """`.backup` writes into the file it names, never the database sqlite3 opened: the backup is only read."""
    edit(
        data_copy / ROLLBACK,
        'sqlite3 "$restoring" ".restore \'$DB_BACKUP\'"',
        'sqlite3 -readonly "$DB_BACKUP" ".backup \'$restoring\'"',
    )
    assert check(load_catalog(data_copy), ["DEST010"]) == []


def test_dest010_named_in_changes_passes(data_copy):
    edit(data_copy / ROLLBACK, 'mv -f -- "$restoring" "$DB_PATH"', 'mv -f -- "$DB_BACKUP" "$DB_PATH"')
    edit(
        data_copy / ROLLBACK, "with the checked backup and", "with the checked backup ($DB_BACKUP itself, consumed) and"
    )
    assert check(load_catalog(data_copy), ["DEST010"]) == []
