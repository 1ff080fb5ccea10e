"""REF012: a text a drill expects a step to print is what the step (its echo) or its tool (SQLite) prints."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.checks.drill_texts import near_miss, sqlite_messages
from playbook.data.load import load_catalog
from playbook.site.checking import check

DB = "scenarios/database-down.yaml"
WRITES = "scenarios/write-operations-failing.yaml"


def found(data) -> list[tuple]:
    return [(p.rule, p.file, p.line, p.message) for p in check(load_catalog(data), ["REF012"])]


def line_of(data, file: str, marker: str) -> int:
    hits = [n for n, line in enumerate((data / file).read_text().splitlines(), 1) if marker in line]
    assert len(hits) == 1, f"{marker!r} in {file}: {hits}"
    return hits[0]


# (data file, old text, new text, the finding's line holds this, words in its message)
FAULTS = [
    (  # SQLite's own message misspelt: set 11 M71
        DB,
        "stderr_contains: [file is not a database]",
        "stderr_contains: [file is not a databse]",
        "file is not a databse",
        "did you mean 'file is not a database'?",
    ),
    (  # the runbook's own echo, two letters swapped, in a variant's step
        DB,
        "stderr_contains: [the backup failed its integrity check]",
        "stderr_contains: [the backup failed its integirty check]",
        "integirty",
        "'the backup failed its integrity check'",
    ),
    (  # a phrase of the salvage's message, one word's case and one letter off
        DB,
        '"Data lost is every write since the backup"',
        '"Data lost is every write snice the Backup"',
        "snice the Backup",
        "did you mean 'Data lost is every write since the backup'?",
    ),
    (  # stdout_lacks too: a misspelt text is never printed, so the check passes whatever the step prints
        DB,
        "      expect: {stdout_contains: [Filesystem]}",
        "      expect: {stdout_contains: [Filesystem], stdout_lacks: [database is lokced]}",
        "database is lokced",
        "did you mean 'database is locked'?",
    ),
    (  # a log field the logs write in camel case, written snake case (set 15 M67, spent)
        WRITES,
        """'"statusCode":409'""",
        """'"status_code":409'""",
        "status_code",
        """did you mean '"statusCode":409'?""",
    ),
    (  # a log field with a typo
        WRITES,
        """'"endpoint":"{{ ep.notes }}"'""",
        """'"endpiont":"{{ ep.notes }}"'""",
        "endpiont",
        """did you mean '"endpoint":"/api/notes"'?""",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "marker", "words"), FAULTS, ids=[f[3] for f in FAULTS])
def test_a_near_miss_of_a_printed_text_is_an_error_at_its_line(data_copy, file, old, new, marker, words):
    edit(data_copy / file, old, new)
    got = found(data_copy)
    assert [g[:3] for g in got] == [("REF012", f"data/{file}", line_of(data_copy, file, marker))], got
    assert words in got[0][3]


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        # texts no step nor tool is known to print (df's header), short words, the stand-in's log line
        (DB, "stdout_contains: [Filesystem]", "stdout_contains: [Filesystem, Mounted on, ok]"),
        (DB, "stderr_contains: [file is not a database]", "stderr_contains: [file is not a database, malformed]"),
        (DB, "stderr_contains: [file is not a database]", "stderr_contains: ['Error: in prepare, file is not']"),
        # a JSON key no log field is near (a response body's), and the logs' own key
        (WRITES, """'"statusCode":409'""", """'"statusCode":409', '"refused":true'"""),
    ],
)
def test_texts_that_are_no_near_miss_pass(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert found(data_copy) == []


def test_real_data_passes(catalog):
    assert [p.format() for p in check(catalog, ["REF012"])] == []


def test_sqlite_messages_are_sqlites_own():
    assert {"file is not a database", "database is locked", "database disk image is malformed"} <= set(
        sqlite_messages()
    )
    assert near_miss("databse disk image is malformed", [m.split() for m in sqlite_messages()]) == (
        "database disk image is malformed"
    )
