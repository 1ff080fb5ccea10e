"""TOOL006/TOOL007: the names a block gives curl, jq and SQLite are the tools' own, at the YAML line and column."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

S, C = "scenarios/", "procedures/"
RULES = ["TOOL006", "TOOL007"]


def found(data) -> list[tuple]:
    return [(p.rule, p.file, p.line, p.col, p.message) for p in check(load_catalog(data), RULES)]


def where(data, file: str, marker: str) -> tuple[int, int]:
    hits = [
        (n, line.index(marker) + 1)
        for n, line in enumerate((data / file).read_text().splitlines(), 1)
        if marker in line
    ]
    assert len(hits) == 1, f"{marker!r} in {file}: {hits}"
    return hits[0]


# (rule, data file, old text, new text, marker: the finding sits at this text's line and column, words in its message)
FAULTS = [
    (  # an unknown pragma: SQLite ignores it without an error, so EXPLAIN (TOOL004) passes
        "TOOL006",
        C + "rollback.yaml",
        'sqlite3 -readonly "$DB_PATH" "PRAGMA integrity_check;"\n        on_failure',
        'sqlite3 -readonly "$DB_PATH" "PRAGMA integrity_chek;"\n        on_failure',
        "integrity_chek",
        "did you mean integrity_check?",
    ),
    (  # a write-out variable curl does not have prints as it is typed
        "TOOL006",
        S + "auth-failure-spike.yaml",
        "%{http_code}",
        "%{status_code}",
        "%{status_code}",
        "http_code",
    ),
    (  # a misspelt standard header is sent as another header: the provider sees no key
        "TOOL006",
        S + "ai-service-down.yaml",
        '-H "Authorization: Bearer $OPENAI_API_KEY"',
        '-H "Authorisation: Bearer $OPENAI_API_KEY"',
        "Authorisation",
        "did you mean Authorization?",
    ),
    (  # an option curl does not have
        "TOOL006",
        S + "auth-failure-spike.yaml",
        "curl -s -o /dev/null -w",
        "curl --silient -o /dev/null -w",
        "--silient",
        "did you mean --silent?",
    ),
    (  # an option jq does not have (the real jq is asked)
        "TOOL006",
        C + "log-access.yaml",
        "jq -c 'select(.message",
        "jq --compact 'select(.message",
        "--compact",
        "jq has no option --compact",
    ),
    (  # `inputs` without -n: the first record is read as `.` and never reaches the filter
        "TOOL007",
        S + "write-operations-failing.yaml",
        "jq -cn 'limit(20;",
        "jq -c 'limit(20;",
        "limit(20;",
        "-n",
    ),
]


@pytest.mark.parametrize(
    ("rule", "file", "old", "new", "marker", "words"), FAULTS, ids=[f[0] + "-" + f[4] for f in FAULTS]
)
def test_a_name_the_tool_does_not_know_is_an_error_at_its_line(data_copy, rule, file, old, new, marker, words):
    edit(data_copy / file, old, new)
    line, col = where(data_copy, file, marker)
    got = found(data_copy)
    assert [f[:4] for f in got] == [(rule, f"data/{file}", line, col)], got
    assert words in got[0][4]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("%{http_code}", "%{response_code} %{time_total} %{header{content-type}} %{json}"),  # all curl's own
        ("curl -s -o /dev/null -w", "curl --silent --no-progress-meter -sSo /dev/null --write-out"),
        ('-d \'{"email"', "-H 'X-Request-Id: abc' -H 'OpenAI-Organization: org' -H 'accept: */*' -d '{\"email\""),
    ],
)
def test_curl_near_misses_that_are_right_pass(data_copy, old, new):
    edit(data_copy / S / "auth-failure-spike.yaml", old, new)
    assert found(data_copy) == []


@pytest.mark.parametrize(
    "code",
    [
        """jq -n --compact-output 'limit(1; inputs | select(.message == "inputs"))' "$LOG_FILE\"""",  # -n given
        """jq -c 'select(.input == "x") | .inputs' "$LOG_FILE\"""",  # fields named input, not the builtin
        """sqlite3 -readonly "$DB_PATH" "PRAGMA main.quick_check; PRAGMA journal_mode;\"""",
    ],
)
def test_jq_and_sqlite_near_misses_that_are_right_pass(data_copy, code):
    edit(data_copy / S / "database-down.yaml", "        code: df -h\n", f"        code: |-\n          {code}\n")
    assert found(data_copy) == []


def test_real_data_passes(catalog):
    assert [p.format() for p in check(catalog, RULES)] == []


def test_a_block_that_does_not_parse_leaves_the_others_checked(data_copy):
    """Unbalanced quotes are TOOL001's; the other blocks' names are still read (no traceback, no silence)."""
    edit(data_copy / S / "auth-failure-spike.yaml", "%{http_code}", "%{status_code}")
    edit(data_copy / S / "database-down.yaml", "        code: df -h\n", "        code: curl -s 'https://x\n")
    assert [f[0] for f in found(data_copy)] == ["TOOL006"]
