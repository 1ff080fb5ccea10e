"""TOOL013: a log query's select() tests the record. Run on the log format's example record, a condition whose value
is the record itself (`=` or `|=` typed for `==`: the record updated, an object, always true) keeps every record: an
error at the query's line. A condition that tests a field, or an update outside select(), passes."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

LOGS, WRITES = "procedures/log-access.yaml", "scenarios/write-operations-failing.yaml"
USER = "'select(.context.userId == $user)'"

FAULTS = [
    (LOGS, USER, "'select(.context.userId = $user)'", "userId = $user"),  # set 16's M62
    (WRITES, 'select(.level == "error" and', 'select(.level = "error" and', '.level = "error"'),  # in a longer one
    (LOGS, "'select(.context.requestId == $id)'", "'select(.context.requestId |= $id)'", "|= $id"),
]

NEAR_MISSES = [
    (LOGS, USER, "'select(.context.userId)'"),  # a field's presence: a test of the record
    (LOGS, USER, "'select(.context.userId == $user) | .context.userId = \"me\"'"),  # an update of what it kept
    (LOGS, USER, "'select(.context.userId != $user)'"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_select_that_assigns_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["TOOL012", "TOOL013"])
    assert [(p.file, p.line, p.rule) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker), "TOOL013")]
    assert "keeps every record" in found[0].message


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_select_that_tests_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["TOOL012", "TOOL013"])] == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TOOL013"]) == []
