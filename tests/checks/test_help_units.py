"""LOG001's reach into a share's thresholds and a query's arithmetic: a metric retyped as a ratio under a ladder in %
is found at the metric's unit, a query that scales a duration into no unit of time at the query."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

LOG = "procedures/log-access.yaml"
SLOW = "{{ seconds(procedure_param('slow_request')) * 1000 }}"
METRIC = '{name: http.requests.error_rate, type: gauge, unit: "%"'

FAULTS = [  # (file, old, new, marker)
    # the metric counted from 0 to 1 while the ladder's thresholds (5, 20, 50) are in %: at the metric
    ("catalog.yaml", METRIC, METRIC.replace('unit: "%"', "unit: fraction"), "unit: fraction"),
    # a duration scaled into no unit of time (sixtieths, thousands of seconds): at the query
    (LOG, SLOW, SLOW.replace("* 1000", "* 60"), "* 60 }}"),
    (LOG, SLOW, SLOW.replace("* 1000", "/ 1000"), "/ 1000 }}"),
    # the unit's arithmetic moved inside the call, onto the duration's text (set 25's M49): at the query, not the help
    (LOG, SLOW, "{{ seconds(procedure_param('slow_request') * 1000) }}", "* 1000) }}"),
]
PASSES = [  # (file, old, new)
    ("catalog.yaml", METRIC, METRIC.replace('unit: "%"', "unit: percent")),  # the same unit in words
    (LOG, SLOW, SLOW.replace("* 1000", "* 1e3")),  # milliseconds written another way
]


def test_the_real_data_passes(catalog):
    assert check(catalog, ["LOG001"]) == []


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_unit_against_its_evidence_is_found_at_the_edited_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["LOG001"])
    want = [(f"data/{file}", line_of(data_copy / file, marker))]
    assert [(p.file, p.line) for p in found] == want, [p.format() for p in found]


@pytest.mark.parametrize(("file", "old", "new"), PASSES)
def test_the_same_unit_written_otherwise_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert check(load_catalog(data_copy), ["LOG001"]) == []
