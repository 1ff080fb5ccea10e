"""STAT001: the status page's message names no incident state but its status's; the status is one of the states.
Each fault at the status's line; the real data and near misses pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.errors import DataError
from playbook.site.checking import check

INC = "incident.yaml"
STATUS = "status: Investigating"
MESSAGE = "We are investigating reports of login issues."


def test_the_real_data_passes(catalog):
    assert check(catalog, ["STAT001"]) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (STATUS, "status: Resolved"),  # set 15 M40 (spent)
        (STATUS, "status: Monitoring"),
        (MESSAGE, "We have identified the cause of the login issues."),  # the message moved on, the status did not
    ],
)
def test_a_message_for_another_state_is_found_at_the_status(data_copy, old, new):
    edit(data_copy / INC, old, new)
    found = check(load_catalog(data_copy), ["STAT001"])
    status_line = next(
        n for n, line in enumerate((data_copy / INC).read_text().splitlines(), 1) if "  status: " in line
    )
    assert [(p.file, p.line) for p in found] == [(f"data/{INC}", status_line)], [p.format() for p in found]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (MESSAGE, "Login issues: we are looking into reports."),  # names no state
        (MESSAGE, "We are investigating reports of login issues and will report when resolved."),  # its own, too
    ],
)
def test_a_near_miss_passes(data_copy, old, new):
    edit(data_copy / INC, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["STAT001"])] == []


def test_a_status_no_status_page_has_is_refused_at_its_line(data_copy):
    edit(data_copy / INC, STATUS, "status: Resolvd")
    with pytest.raises(DataError) as info:
        load_catalog(data_copy)
    assert [(p.file, p.line) for p in info.value.problems] == [(f"data/{INC}", line_of(data_copy / INC, "Resolvd"))]
