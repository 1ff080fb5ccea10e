"""DEST032: no pipeline feeds a reader that stops early (head, grep -q, grep -m); the finding is at the reader."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.early_readers import early_readers
from playbook.data.load import load_catalog
from playbook.site.checking import check

S, P = "scenarios/", "procedures/"

FAULTS = [
    # set 19 M38's kind: the top source IPs cut with head after the sort (the whole log still goes through)
    (S + "auth-failure-spike.yaml", "| sort | uniq -c | sort -rn", "| sort | uniq -c | sort -rn | head -n 5",
     "sort -rn | head -n 5"),
    # the seed's head back on a log-access query
    (P + "log-access.yaml", 'grep "userId\\":\\"$USER_ID\\"" "$LOG_FILE"',
     'grep "userId\\":\\"$USER_ID\\"" "$LOG_FILE" | head -20', "$USER_ID\\\"\" \"$LOG_FILE\" | head -20"),
    # a test whether any error was logged, by grep -q on a jq stream
    (P + "log-access.yaml", """'select(.message | contains("Auth failed"))' "$LOG_FILE\"""",
     """'select(.message | contains("Auth failed"))' "$LOG_FILE" | grep -q Auth""", "| grep -q Auth"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS, ids=[f[3] for f in FAULTS])
def test_dest032_early_reader(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = [p for p in check(load_catalog(data_copy), ["DEST032"]) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {(f"data/{file}", line_of(data_copy / file, marker))}, [
        p.format() for p in found
    ]


def test_dest032_real_data_passes(catalog):
    assert check(catalog, ["DEST032"]) == []


@pytest.mark.parametrize(
    "code",
    [
        "jq -cn 'limit(20; inputs)' \"$LOG_FILE\"",
        'grep -m 20 x "$LOG_FILE"',  # the writer stops itself: no pipe
        'if grep -q ERROR "$F"; then echo bad; fi',
        'echo "$OUT" | grep -q ok',  # a small builtin has written everything before grep stops
        'jq -r .ip "$LOG_FILE" | sort | uniq -c | sort -rn',
        'tail -n 50 "$LOG_FILE" | grep -c error',  # grep -c reads to the end
        'cat "$LOG_FILE" | grep -c error | head -1',  # a count is one line, written before head stops
    ],
)
def test_dest032_readers_to_the_end_pass(code):
    assert list(early_readers(code)) == []


def test_dest032_head_after_jq_found():
    (found,) = early_readers('jq -c . "$LOG_FILE" | head -20')
    assert found[1] == "head"
