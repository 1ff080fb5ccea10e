"""DEC012, DEC013: a probe of the live database that reads none of its pages, with nothing beside it checking the
file (D-db-integrity), and a salvage that loads a schema-only dump (D-restore-salvage), are errors at their line;
probes that read the file and dumps that carry rows pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.sqlite_reads import blind_probes, rowless_loads
from playbook.data.load import load_catalog
from playbook.site.checking import check

DOWN = "scenarios/database-down.yaml"
ROLLBACK = "procedures/rollback.yaml"
CHECK = 'sqlite3 -readonly "$DB_PATH" "PRAGMA integrity_check;"'
PROBE = 'sqlite3 -readonly "$DB_PATH" "SELECT 1;"'
RECOVER = 'sqlite3 -readonly "$corrupt" .recover > "${keep}salvaged.sql" 2>/dev/null'
DUMP = '|| sqlite3 -readonly "$corrupt" .dump > "${keep}salvaged.sql"'

FAULTS = [
    # the seed's step 1: the page check dropped, SELECT 1 alone answers on a corrupt file
    ("DEC012", DOWN, "\n          " + CHECK, "", PROBE),
    # the check turned into another constant select
    ("DEC012", DOWN, CHECK, CHECK.replace("PRAGMA integrity_check;", "SELECT sqlite_version();"), "sqlite_version"),
    # the first salvage (not only the fallback) writes the schema alone
    ("DEC013", ROLLBACK, RECOVER, RECOVER.replace(".recover", ".fullschema"), ".fullschema >"),
]


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker"), FAULTS, ids=[f[0] + "-" + f[4] for f in FAULTS])
def test_a_blind_probe_or_rowless_salvage_is_found_at_its_line(data_copy, rule, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), [rule])
    expected = [(rule, f"data/{file}", line_of(data_copy / file, marker))]
    if "sqlite_version" in new:  # both probes of the block are blind now
        expected.insert(0, (rule, f"data/{file}", line_of(data_copy / file, PROBE)))
    assert [(p.rule, p.file, p.line) for p in found] == expected


# (rule, file, the edits: (old, new) each)
NEAR_MISSES = [
    ("DEC012", DOWN, [(CHECK, CHECK.replace("integrity_check", "quick_check"))]),  # the quick page check
    # a probe that reads a table, alone in its block
    (
        "DEC012",
        DOWN,
        [(PROBE, 'sqlite3 -readonly "$DB_PATH" "SELECT count(*) FROM User;"'), ("\n          " + CHECK, "")],
    ),
    # a schema written beside the salvage, never loaded
    ("DEC013", ROLLBACK, [(DUMP, DUMP + '\n          sqlite3 -readonly "$corrupt" .schema > "${keep}schema.sql"')]),
]


@pytest.mark.parametrize(("rule", "file", "edits"), NEAR_MISSES, ids=[f[0] for f in NEAR_MISSES])
def test_probes_that_read_and_dumps_with_rows_pass(data_copy, rule, file, edits):
    for old, new in edits:
        edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), [rule])] == []


def test_the_real_data_passes(catalog):
    assert [p.format() for p in check(catalog, ["DEC012", "DEC013"])] == []


def test_the_parsers():
    db = {"DB_PATH"}
    assert [sql for _, sql in blind_probes('sqlite3 "$DB_PATH" "select 42"\nsqlite3 other.db "SELECT 1;"', db)] == [
        "select 42"
    ]
    assert (
        list(blind_probes('sqlite3 "$DB_PATH" "SELECT 1"\nsqlite3 -readonly "$DB_PATH" "pragma quick_check"', db)) == []
    )
    loads = "sqlite3 a.db .schema > s.sql\nsqlite3 b.db < s.sql\nsqlite3 a.db .schema > t.sql\nsqlite3 b.db < u.sql"
    assert [d for _, d in rowless_loads(loads)] == [".schema"]
