"""SEV001: a signal's most severe condition holds from its value up. Written `<` or `<=` it holds from 0, on every
healthy day, and no longer once the signal passes the number: an error at its line. A `<` band below a more severe
level's threshold (the milder level of a shared signal) passes."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

SEV = "severities.yaml"
COMPLIANCE = '{signal: audit_logging_down, op: ">", value: 30,'
SLOW = '{signal: avg_query_ms, op: ">", value: 500,'


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (COMPLIANCE, '{signal: audit_logging_down, op: "<=", value: 30,'),  # SEV-1's only audit-logging condition
        (SLOW, '{signal: avg_query_ms, op: "<", value: 500,'),  # SEV-3's slow queries
    ],
)
def test_a_most_severe_condition_below_its_value_is_found_at_its_line(data_copy, old, new):
    edit(data_copy / SEV, old, new)
    found = check(load_catalog(data_copy), ["SEV001"])
    assert [(p.file, p.line) for p in found] == [(f"data/{SEV}", line_of(data_copy / SEV, new))], found
    assert "holds from 0" in found[0].message and '">"' in found[0].hint


def test_a_milder_band_below_a_more_severe_threshold_passes(data_copy):
    # slow queries split in two: SEV-3 below 2000 ms, SEV-2 from 2000 ms up; the `<` band is the milder one
    edit(data_copy / SEV, SLOW, '{signal: avg_query_ms, op: "<", value: 2000,')
    edit(
        data_copy / SEV,
        "      - {signal: auth_failure_spike, op: is,",
        '      - {signal: avg_query_ms, op: ">=", value: 2000, wording: Very slow queries}\n'
        "      - {signal: auth_failure_spike, op: is,",
    )
    assert [p.format() for p in check(load_catalog(data_copy), ["SEV001", "SEV002"])] == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["SEV001"]) == []
