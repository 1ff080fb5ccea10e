"""TOOL015: a grep pattern matching a JSON value that a placeholder gives closes the value; left open it matches
every longer value too (another request's, another user's records): an error at its line. A closed value, or a
whole-word grep, passes."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.grep_values import open_values
from playbook.data.load import load_catalog
from playbook.site.checking import check

LOGS = "procedures/log-access.yaml"
BY_REQUEST = 'grep "requestId\\":\\"$REQUEST_ID\\"" "$LOG_FILE"'


def test_an_open_value_is_found_at_its_line(data_copy):
    new = 'grep -i "requestId\\":\\"${REQUEST_ID}" "$LOG_FILE"'
    edit(data_copy / LOGS, BY_REQUEST, new)
    found = check(load_catalog(data_copy), ["TOOL015"])
    assert [(p.file, p.line) for p in found] == [(f"data/{LOGS}", line_of(data_copy / LOGS, new))], found
    assert "${REQUEST_ID}" in found[0].message and "closing quote" in found[0].hint


@pytest.mark.parametrize(
    "new",
    [
        'grep -w "requestId\\":\\"$REQUEST_ID" "$LOG_FILE"',  # whole words: user_4560 is not user_456
        'grep -F "requestId\\":\\"${REQUEST_ID}\\"" "$LOG_FILE"',
    ],
)
def test_a_closed_value_passes(data_copy, new):
    edit(data_copy / LOGS, BY_REQUEST, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["TOOL015"])] == []


def test_which_values_are_open():
    assert open_values('status":$CODE') == [("$CODE", ",")]
    assert open_values('status": ${CODE}}') == open_values('status":$CODE,') == []
    assert open_values('"userId": "$U') == [("$U", '"')]
    assert open_values('"level":"err') == []  # a literal prefix is a search, not a placeholder's value


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TOOL015"]) == []
