"""A dashboard row that asks for statistics (avg, P95, quantiles:, mean:) plots a histogram (DASH005): each fault is
found at the row's line, each near miss passes, and the real data passes."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

# (old, new) in dashboard.yaml: the row is on the line of `new`
FAULTS = [
    # percentiles named in the text, a counter plotted
    ("metrics: [http.request.duration]}", "metrics: [auth.signin.failure]}"),
    # quantiles: and mean: on a gauge
    ("metrics: [db.query.duration], mean: true", "metrics: [db.pool.in_use], mean: true"),
    # quantiles: alone on a counter, the text naming none
    (
        "{text: Breakdown by endpoint, metrics: [http.request.duration], by: endpoint, quantiles: [0.95]}",
        "{text: Breakdown by endpoint, metrics: [http.errors], by: endpoint, quantiles: [0.95]}",
    ),
]


@pytest.mark.parametrize(("old", "new"), FAULTS)
def test_statistics_without_a_histogram(data_copy, old, new):
    edit(data_copy / "dashboard.yaml", old, new)
    text = (data_copy / "dashboard.yaml").read_text(encoding="utf-8")
    line = text[: text.index(new)].count("\n") + 1
    found = check(load_catalog(data_copy), ["DASH005"])
    assert [(p.file, p.line) for p in found] == [("data/dashboard.yaml", line)], [p.format() for p in found]


NEAR_MISSES = [
    # another histogram
    ("metrics: [http.request.duration]}", "metrics: [db.query.duration]}"),
    # a counter row that names no statistic
    (
        "{text: Token refresh rate, metrics: [auth.token.refresh]}",
        "{text: Token refreshes, metrics: [auth.signin.success]}",
    ),
    # a histogram next to a counter in one row
    ("metrics: [db.query.duration], mean: true", "metrics: [db.query.duration, db.error], mean: true"),
]


@pytest.mark.parametrize(("old", "new"), NEAR_MISSES)
def test_near_miss_passes(data_copy, old, new):
    edit(data_copy / "dashboard.yaml", old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["DASH005"])] == []


def test_real_data_passes(catalog):
    assert check(catalog, ["DASH005"]) == []
