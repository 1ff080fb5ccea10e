"""TOOL032: a json block that is not one JSON document is an error at the line and column where the parse stops;
one JSON document, templates filled in, passes."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

F = "procedures/disable-ai.yaml"
OUTPUT = "      - kind: output\n        code: |-\n          # Expected response:\n"
ALTERNATIVES = (
    "          # Expected response:\n          {{ json(flag.rate_limited_response) }}\n"
    "          # OR\n          {{ json(flag.refused_response) }}\n"
)


def _found(data) -> list:
    return [p for p in check(load_catalog(data), ["TOOL032"]) if p.level == "error"]


@pytest.mark.parametrize(
    ("old", "new", "marker", "col"),
    [
        # spent set 21 M08's kind: an example output with comments and two alternatives, made a json block
        (OUTPUT, OUTPUT.replace("output", "json"), "# Expected response:", 11),
        # one document, then a second
        (ALTERNATIVES, '          {"error": "Too many AI requests"}\n          {"refused": true}\n', '{"refused"', 11),
        # a trailing comma: at the } after it
        (ALTERNATIVES, '          {"error": "Too many AI requests",\n           "retry": true,}\n', '"retry"', 26),
    ],
    ids=["comments", "two documents", "trailing comma"],
)
def test_a_json_block_that_is_not_json_is_an_error_where_the_parse_stops(data_copy, old, new, marker, col):
    if old == ALTERNATIVES:
        edit(data_copy / F, OUTPUT, OUTPUT.replace("output", "json"))
    edit(data_copy / F, old, new)
    (p,) = _found(data_copy)
    assert (p.file, p.line, p.col) == (f"data/{F}", line_of(data_copy / F, marker), col), p.format()


def test_one_json_document_passes(data_copy):
    edit(data_copy / F, OUTPUT, OUTPUT.replace("output", "json"))
    edit(data_copy / F, ALTERNATIVES, "          {{ json(flag.refused_response) }}\n")
    assert _found(data_copy) == []


def test_real_data_passes(catalog):
    assert check(catalog, ["TOOL032"]) == []
