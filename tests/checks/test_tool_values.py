"""TOOL006 on the values a block gives its tools: media types, Vercel environments, sqlite_master types."""

from __future__ import annotations

import pytest
from test_vocab import found, where

from conftest import edit
from playbook.runbooks import values

S, C = "scenarios/", "procedures/"
ROLLBACK, AUTH, AI, DISABLE = (
    C + "rollback.yaml",
    S + "auth-failure-spike.yaml",
    S + "ai-service-down.yaml",
    C + ("disable-ai.yaml"),
)
SALVAGE = "WHERE type = 'table' AND"
DB, DB_SELECT = S + "database-down.yaml", 'sqlite3 -readonly "$DB_PATH" "SELECT 1;"'
CT = '-H "Content-Type: application/json"'
ADD = "printf 'false' | vercel env add {{ flag.name }} production"

# (data file, old text, new text, marker: the finding sits at this text's line and column, words in its message)
FAULTS = [
    (ROLLBACK, SALVAGE, "WHERE type = 'tables' AND", "'tables'", "did you mean 'table'?"),  # set 11 M62
    (ROLLBACK, SALVAGE, "WHERE type IN ('table', 'veiw') AND", "'veiw'", "did you mean 'view'?"),
    (ROLLBACK, SALVAGE, "WHERE type == 'Table' AND", "'Table'", "did you mean 'table'?"),  # SQLite compares case
    (AUTH, CT, '-H "Content-Type: application/jsn"', "application/jsn", "did you mean application/json?"),  # M63
    (AI, CT, '-H "Content-Type: aplication/json"', "aplication/json", "did you mean application/json"),
    (AI, CT, '-H "content-type: application/josn; charset=utf-8"', "application/josn", "no registered media type"),
    (AUTH, CT, CT + ' -H "Accept: application/json, text/plian"', "text/plian", "did you mean text/plain?"),
    (AUTH, CT, '-H "Content-Type: applicationjson"', "applicationjson", "not a media type"),
    (ROLLBACK, 'sqlite3 -readonly "$DB_BACKUP"', 'sqlite3 -read-only "$DB_BACKUP"', "-read-only", "-readonly?"),  # M66
    (DB, DB_SELECT, 'sqlite3 -readonly -jsn "$DB_PATH" "SELECT 1;"', "-jsn", "did you mean -json?"),
    (AI, "curl -s -X POST", "curl -s -X PSOT", "PSOT", "did you mean POST?"),
    (AUTH, "-X POST", "--request post", "post", "did you mean POST?"),
    (DISABLE, ADD, ADD[:-10] + "prod", "prod", "did you mean production?"),  # set 11 M64
    (DISABLE, ADD, ADD[:-10] + "Preview", "Preview", "did you mean preview?"),
    (DISABLE, ADD, ADD[:-10] + "staging", "staging", "production, preview, development"),
    (DISABLE, "vercel deploy --prod", "vercel deploy --target=prod", "prod", "did you mean production?"),
    (DISABLE, "vercel deploy --prod", "vercel pull --environment preveiw", "preveiw", "did you mean preview?"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker", "words"), FAULTS, ids=[f[3] for f in FAULTS])
def test_a_value_the_tool_does_not_know_is_an_error_at_its_line(data_copy, file, old, new, marker, words):
    edit(data_copy / file, old, new)
    line, col = where(data_copy, file, marker) if marker != "prod" else _word(data_copy / file, marker)
    got = found(data_copy)
    assert [f[:4] for f in got] == [("TOOL006", f"data/{file}", line, col)], got
    assert words in got[0][4]


def _word(path, word: str) -> tuple[int, int]:
    """The line and column of `word` as a whole word (`prod`, not the start of `production`)."""
    import re

    for n, line in enumerate(path.read_text().splitlines(), 1):
        m = re.search(rf"(?<![\w-]){word}(?![\w-])", line)
        if m:
            return n, m.start() + 1
    raise AssertionError(word)


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        (ROLLBACK, SALVAGE, "WHERE type IN ('table', 'view', 'index', 'trigger') AND"),
        (ROLLBACK, SALVAGE, "WHERE kind = 'tables' AND type = 'table' AND"),  # another column: not sqlite_master's
        (AUTH, CT, '-H "Content-Type: application/json; charset=utf-8" -H "Accept: application/json, */*;q=0.8"'),
        (AUTH, CT, '-H "Content-Type: application/vnd.api+json" -H "Accept: application/problem+json, text/*"'),
        (AUTH, CT, '-H "Content-Type: application/x-www-form-urlencoded" -H "Accept: $ACCEPT"'),
        (AUTH, CT, '-H "Content-Type: application/vnd.clinical-os.v2+json" -H "X-Media: application/jsn"'),
        (DB, DB_SELECT, 'sqlite3 -readonly -noheader -json -cmd ".mode list" "$DB_PATH" "SELECT 1;"'),
        (AI, "curl -s -X POST", "curl -s --request POST"),
        (DISABLE, ADD, ADD[:-10] + "preview"),
        (DISABLE, "vercel deploy --prod", "vercel pull --environment=development && vercel deploy --target production"),
    ],
)
def test_near_misses_that_are_right_pass(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert found(data_copy) == []


def test_the_vocabularies_come_from_the_real_sources():
    """sqlite_master's types are SQLite's own; the media types include Python's table and the system's list."""
    assert values.sqlite_schema_types() == {"table", "index", "view", "trigger"}
    assert {"application/json", "text/plain", "application/x-www-form-urlencoded"} <= values.media_types()
