"""Durations by the unit their field means: a review period is whole days (`3m` is three minutes, not months), and
M is no unit anywhere (months in ISO 8601, minutes nowhere)."""

from __future__ import annotations

import pytest

from conftest import edit, load_fails
from playbook.data.durations import parse_duration, parse_period
from playbook.data.load import load_catalog


@pytest.mark.parametrize(
    ("file", "new", "words"),
    [
        ("procedures/log-access.yaml", "review_every: 3m", "for months write days: 3 months is 90d"),  # set 11 M69
        ("scenarios/database-down.yaml", "review_every: 12h", "not a period in days"),
        ("procedures/rollback.yaml", "review_every: 2160m", "not a period in days"),
        ("scenarios/auth-failure-spike.yaml", "review_every: 3M", "M is not a unit"),
    ],
)
def test_a_review_period_not_in_days_is_refused_at_its_line(data_copy, file, new, words):
    line, problems = load_fails(data_copy, file, "review_every: 90d", new)
    assert [(p.rule, p.file, p.line) for p in problems] == [("LOAD003", f"data/{file}", line)], problems
    assert words in problems[0].message


def test_an_alert_for_in_capital_m_is_refused_at_its_line(data_copy):
    line, problems = load_fails(data_copy, "alerts.yaml", "for: 2m", "for: 2M")
    assert [(p.rule, p.line) for p in problems] == [("LOAD003", line)], problems
    assert "M is not a unit" in problems[0].message


def test_near_misses_that_are_right_pass(data_copy):
    edit(data_copy / "procedures/log-access.yaml", "review_every: 90d", "review_every: 365d")
    edit(data_copy / "scenarios/database-down.yaml", "review_every: 90d", "review_every: 30D")
    load_catalog(data_copy)
    assert parse_period("180d").days == 180
    assert parse_duration("1h30m").total_seconds() == 5400 and parse_duration("5m").total_seconds() == 300
