"""DASH003: a dashboard row whose text names a unit plots values of that kind. A share said of a row that plots raw
counts is found at the row's line; rows that plot what they say pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

AI = "{text: AI error rate, metrics: [ai.generate_note.error, ai.generate_note.invocation], ratio: true}"
POOL = "{text: Connection pool usage, metrics: [db.pool.in_use]}"

FAULTS = [  # (old, new, marker)
    # a share in the text, the ratio: dropped: the counters drawn raw
    (
        AI,
        "{text: AI failures (percent), metrics: [ai.generate_note.error, ai.generate_note.invocation]}",
        "AI failures",
    ),
    # a share said of a gauge of connections
    (POOL, "{text: Connection pool usage (%), metrics: [db.pool.in_use]}", "pool usage (%)"),
    # a ratio row whose text names a duration
    (AI, AI.replace("AI error rate", "AI error time (ms)"), "AI error time"),
]
PASSES = [
    AI.replace("AI error rate", "AI error rate (%)"),  # a ratio is a share
    POOL.replace("usage", "usage (per instance)"),  # no unit named
    "{text: Token refresh rate (per second), metrics: [auth.token.refresh]}",
]


def test_the_real_data_passes(catalog):
    assert check(catalog, ["DASH003"]) == []


@pytest.mark.parametrize(("old", "new", "marker"), FAULTS)
def test_a_row_that_does_not_plot_its_unit_is_found_at_its_line(data_copy, old, new, marker):
    edit(data_copy / "dashboard.yaml", old, new)
    found = check(load_catalog(data_copy), ["DASH003"])
    want = [("data/dashboard.yaml", line_of(data_copy / "dashboard.yaml", marker))]
    assert [(p.file, p.line) for p in found] == want, [p.format() for p in found]


@pytest.mark.parametrize("new", PASSES)
def test_a_row_that_plots_what_it_says_passes(data_copy, new):
    old = (
        AI
        if new.startswith("{text: AI")
        else POOL
        if "pool" in new
        else "{text: Token refresh rate, metrics: [auth.token.refresh]}"
    )
    edit(data_copy / "dashboard.yaml", old, new)
    assert check(load_catalog(data_copy), ["DASH003"]) == []
