"""A dashboard panel's quantiles are fractions (0.99 is the 99th percentile): a percentile typed as a quantile is
refused at its line by the loader (LOAD003), since histogram_quantile() plots nothing for it."""

from __future__ import annotations

import pytest

from conftest import edit, load_fails
from playbook.data.load import load_catalog

DB_ROW = "mean: true, quantiles: [0.95, 0.99]}"


@pytest.mark.parametrize("new", ["mean: true, quantiles: [0.95, 99]}", "mean: true, quantiles: [0, 0.99]}"])
def test_a_quantile_that_is_no_fraction_is_refused_at_its_line(data_copy, new):
    line, problems = load_fails(data_copy, "dashboard.yaml", DB_ROW, new)
    assert [(p.rule, p.file, p.line) for p in problems] == [("LOAD003", "data/dashboard.yaml", line)], problems
    assert "is no quantile: a quantile is a fraction" in problems[0].message


def test_fractions_pass(data_copy):
    edit(data_copy / "dashboard.yaml", DB_ROW, "mean: true, quantiles: [0.9, 0.999]}")
    load_catalog(data_copy)
