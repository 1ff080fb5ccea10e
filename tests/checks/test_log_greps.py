"""TOOL022: a grep pattern of the log file has the shape of the compact JSON Lines records (no space around a key's
colon, a string quoted, a number bare): an error at its line; a pattern the records can match passes."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.log_greps import log_keys, misshapen, patterns
from playbook.data.load import load_catalog
from playbook.site.checking import check

LOGS = "procedures/log-access.yaml"
BY_USER = 'grep "userId\\":\\"$USER_ID\\"" "$LOG_FILE"'
FIELDS = {"level": "string", "statusCode": "integer"}


@pytest.mark.parametrize(
    "new",
    [
        'grep "userId\\" : \\"$USER_ID\\"" "$LOG_FILE"',  # spaces on both sides of the colon
        'grep -F -e "userId\\": *\\"$USER_ID\\"" "$LOG_FILE"',  # -F: the * is a character, not a repeat
        'grep "statusCode\\":\\"500\\"" "$LOG_FILE"',  # a number quoted
    ],
)
def test_a_misshapen_pattern_is_found_at_its_line(data_copy, new):
    edit(data_copy / LOGS, BY_USER, new)
    found = check(load_catalog(data_copy), ["TOOL022"])
    assert [(p.file, p.line) for p in found] == [(f"data/{LOGS}", line_of(data_copy / LOGS, new))]


@pytest.mark.parametrize(
    "new",
    [
        'grep -E "userId\\": ?\\"$USER_ID\\"" "$LOG_FILE"',  # the space optional
        'grep "statusCode\\":50[0-9]" "$LOG_FILE"',
        'grep "Auth failed: " "$LOG_FILE"',  # the message's words, no field
        'grep "userId\\": \\"$USER_ID\\"" pretty.json',  # another file than the log
    ],
)
def test_a_pattern_the_records_can_match_passes(data_copy, new):
    edit(data_copy / LOGS, BY_USER, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["TOOL022"])] == []


def test_the_shapes():
    assert [k for k, _ in misshapen('"level":error', FIELDS, False)] == ["level"]
    assert [k for k, _ in misshapen('"context": {"ip', {"context": "object"}, False)] == ["context"]
    assert [k for k, _ in misshapen('"context":"x', {"context": "object"}, False)] == ["context"]
    assert list(misshapen('"context":{"ip":"1', {"context": "object", "ip": "string"}, False)) == []
    assert list(misshapen('"level":.*error', FIELDS, False)) == list(misshapen('"other": "x"', FIELDS, False)) == []
    assert patterns(["-c", "-e", "a", "-e", "b", "f"]) == [(2, "a"), (4, "b")] and patterns(["-m", "5", "p", "f"]) == [
        (2, "p")
    ]


def test_the_keys_of_the_log_format(catalog):
    keys = log_keys(catalog.data.log_format.fields)
    assert keys["context"] == keys["error"] == "object" and keys["statusCode"] == "integer"
    assert keys["message"] == "string"  # the record's and its error's


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TOOL022"]) == []
