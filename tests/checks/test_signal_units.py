"""CAT019: a severity signal's unit is of the kind its name says it measures (a multiple of a baseline, a share, a
time), found at the signal's unit: line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.signal_units import name_kind
from playbook.data.load import load_catalog
from playbook.site.checking import check

SEV = "severities.yaml"
P95 = "name: p95 response time versus baseline\n    unit: x\n"
USERS = 'name: share of users affected\n    unit: "%"\n'
QUERY = "name: average database query time\n    unit: ms\n"
ERRORS = 'name: error rate\n    unit: "%"\n'

FAULTS = [  # (old, new, marker): the edited unit: line
    # a multiple of the baseline retyped as a time: SEV-2's `> 2` becomes 2 ms
    (P95, P95.replace("unit: x", "unit: ms  # p95 in ms"), "# p95 in ms"),
    # a share retyped as a multiple: "5x" of nothing
    (USERS, USERS.replace('unit: "%"', "unit: x  # users as x"), "# users as x"),
    # a time retyped as a share
    (QUERY, QUERY.replace("unit: ms", 'unit: "%"  # query time in %'), "# query time in %"),
    # a rate retyped as minutes
    (ERRORS, ERRORS.replace('unit: "%"', "unit: min  # errors in min"), "# errors in min"),
]


NAME_FAULTS = [  # (old, new, marker): the edited name: line, against the id and the unit that agree
    # the baseline dropped from the name: "p95 response time" in x, while the id says p95_vs_baseline
    (P95, P95.replace("time versus baseline", "time  # no baseline"), "# no baseline"),
    # the name made a share of the baseline ("percent of baseline") while the id and x say a multiple: unit kept
    (P95, P95.replace("p95 response time versus baseline", "p95 share"), "name: p95 share"),
]
PASSES = [  # (old, new): the unit of the name's kind, written in other words, or a name that says no kind
    (P95, P95.replace("versus baseline", "relative to the baseline")),
    (P95, P95.replace("versus baseline", "vs. baseline")),
    (QUERY, QUERY.replace("unit: ms", "unit: min")),  # another unit of time: the kind agrees
    ("name: audit logging down\n    unit: min\n", "name: audit logging down\n    unit: ms\n"),  # no kind named
]


def test_the_real_data_passes(catalog):
    assert check(catalog, ["CAT019"]) == []


@pytest.mark.parametrize(("old", "new", "marker"), FAULTS)
def test_a_unit_of_another_kind_is_found_at_its_line(data_copy, old, new, marker):
    edit(data_copy / SEV, old, new)
    found = check(load_catalog(data_copy), ["CAT019"])
    assert [(p.file, p.line) for p in found] == [(f"data/{SEV}", line_of(data_copy / SEV, marker))], [
        p.format() for p in found
    ]


@pytest.mark.parametrize(("old", "new"), PASSES)
def test_a_unit_of_the_names_kind_passes(data_copy, old, new):
    edit(data_copy / SEV, old, new)
    assert check(load_catalog(data_copy), ["CAT019"]) == []


def test_a_yes_no_judgement_about_a_rate_is_left_alone(data_copy):
    # "high rate limit hit rate" names a rate, but a bool signal is detected or not: no unit to compare
    assert name_kind("high rate limit hit rate") == "share"
    edit(data_copy / SEV, "  - id: minor_bug\n    name: minor bug", "  - id: minor_bug\n    name: error share bug")
    assert check(load_catalog(data_copy), ["CAT019"]) == []


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("p95 response time versus baseline", "multiple"),  # a time compared with a reference is a multiple
        ("queue depth over the baseline", "multiple"),
        ("share of users affected", "share"),
        ("average database query time", "time"),
        ("audit logging down", None),
        ("response time share", None),  # both: left alone
    ],
)
def test_the_kind_a_name_says(name, kind):
    assert name_kind(name) == kind


@pytest.mark.parametrize(("old", "new", "marker"), NAME_FAULTS)
def test_a_name_against_its_id_and_unit_is_found_at_the_name(data_copy, old, new, marker):
    edit(data_copy / SEV, old, new)
    found = check(load_catalog(data_copy), ["CAT019"])
    assert [(p.file, p.line) for p in found] == [(f"data/{SEV}", line_of(data_copy / SEV, marker))], [
        p.format() for p in found
    ]
