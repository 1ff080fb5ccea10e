"""SEC014: a runbook's query that returns a content column of the app's schema (a note's text, a medication, an
e-mail address) is an error at its line; ids, statuses, counts and lengths pass, and so does a content column used
only to filter."""

from __future__ import annotations

import pytest

from conftest import ROOT, edit
from playbook.checks.patient_sql import content_columns, dumped, shown
from playbook.data.load import load_catalog
from playbook.site.checking import check

WO = "scenarios/write-operations-failing.yaml"
IDS = "SELECT id, status FROM ClinicalNote WHERE status = 'finalized' LIMIT 10;"
COUNTS = "SELECT status, COUNT(*) FROM ClinicalNote GROUP BY status;"
FAULTS = [
    (IDS, IDS.replace("id, status", "id, status, content"), "id, status, content"),  # set 11 M13
    (IDS, IDS.replace("id, status", "*"), "SELECT * FROM ClinicalNote"),
    (IDS, IDS.replace("id, status", "n.id, substr(n.content, 1, 80)").replace("Note WHERE", "Note n WHERE"), "substr"),
    (COUNTS, "SELECT p.status, p.medication FROM Prescription p;", "p.medication"),
    (COUNTS, "SELECT role, email FROM User;", "role, email"),
    (COUNTS, "SELECT * FROM (SELECT id, content FROM ClinicalNote);", "SELECT * FROM (SELECT id, content"),
    (COUNTS, "SELECT status, group_concat(content) FROM ClinicalNote GROUP BY status;", "group_concat"),
]


@pytest.mark.parametrize(("old", "new", "marker"), FAULTS, ids=[f[2][:20] for f in FAULTS])
def test_a_query_returning_patient_data_is_found_at_its_line(data_copy, catalog, old, new, marker):
    assert check(catalog, ["SEC014"]) == []  # the real data passes
    edit(data_copy / WO, old, new)
    found = check(load_catalog(data_copy), ["SEC014"])
    text = (data_copy / WO).read_text(encoding="utf-8").splitlines()
    lines = {n for n, line in enumerate(text, 1) if marker in line}
    assert lines and {p.file for p in found} == {f"data/{WO}"}, [p.format() for p in found]
    assert lines & {p.line for p in found}, ([p.format() for p in found], sorted(lines))


COLUMNS = content_columns(ROOT / "data" / "app" / "clinical-os-schema.sql")


def test_the_schema_is_classified_deny_by_default():
    # keys, dates and a label with a default are not content; free text (and what is not proven otherwise) is
    assert {"content", "medication", "email"} <= set(COLUMNS)
    assert not {"id", "sessionid", "authorid", "noteid", "status", "createdat", "updatedat"} & set(COLUMNS)


@pytest.mark.parametrize(
    "sql",
    [
        IDS,
        COUNTS,
        "SELECT count(content), length(content) FROM ClinicalNote;",
        "SELECT id FROM ClinicalNote WHERE content LIKE '%error%';",  # filtered on, never shown
        "SELECT name FROM sqlite_master WHERE type = 'table';",
        "SELECT 1;",
        "SELECT count(*) FROM (SELECT * FROM ClinicalNote WHERE status = 'draft');",  # a source, counted
        "WITH d AS (SELECT content FROM ClinicalNote) SELECT count(*) FROM d;",
        "SELECT id FROM Prescription WHERE noteId IN (SELECT id FROM ClinicalNote WHERE content LIKE '%x%');",
        'SELECT count(*) FROM (SELECT * FROM salvaged."x" EXCEPT SELECT * FROM main."x");',
    ],
)
def test_a_near_miss_passes(sql):
    assert shown(sql, COLUMNS) == []


def test_a_dump_of_the_database_to_the_terminal_is_found_at_its_line(data_copy):
    old = f'sqlite3 -readonly "$DB_PATH" "{COUNTS}"'
    edit(data_copy / WO, old, old + '\n          sqlite3 -readonly "$DB_PATH" .dump | grep -i finalized')
    found = check(load_catalog(data_copy), ["SEC014"])
    text = (data_copy / WO).read_text(encoding="utf-8").splitlines()
    line = next(n for n, t in enumerate(text, 1) if ".dump | grep" in t)
    assert [(p.file, p.line) for p in found] == [(f"data/{WO}", line)], [p.format() for p in found]


@pytest.mark.parametrize(
    "code",
    [
        'sqlite3 -readonly "$DB_PATH" .dump > "$keep/salvaged.sql"',  # into a file: the salvage's own form
        'sqlite3 -readonly "$DB_PATH" .recover > a.sql 2>/dev/null \\\n  || sqlite3 -readonly "$DB_PATH" .dump > a.sql',
        'sqlite3 -readonly "$DB_PATH" .tables',
    ],
)
def test_a_dump_into_a_file_or_a_schema_listing_passes(code):
    assert dumped(code) == []
