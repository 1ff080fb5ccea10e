"""A metric's type is the one its probe, window and unit give (CAT023): each fault is found at the metric's line,
each near miss passes, and the real data passes."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

# (old, new, marker: text of the metric's line) in catalog.yaml
FAULTS = [
    # a probe gauge typed as a counter (the alert on it would read its rate)
    ("name: health.readiness, type: gauge", "name: health.readiness, type: counter", "name: health.readiness"),
    # a gauge over a trailing window typed as a histogram
    ("name: auth.active_users, type: gauge", "name: auth.active_users, type: histogram", "name: auth.active_users"),
    # a share typed as a counter
    (
        "name: http.requests.error_rate, type: gauge",
        "name: http.requests.error_rate, type: counter",
        "name: http.requests.error_rate",
    ),
    # a query time typed as a counter
    ("name: db.query.duration, type: histogram", "name: db.query.duration, type: counter", "name: db.query.duration"),
    # the uptime in seconds typed as a counter
    ("name: process.uptime, type: gauge", "name: process.uptime, type: counter", "name: process.uptime"),
    # a counter whose unit was changed to a share
    (
        "name: write.note.error, type: counter, unit: operations",
        'name: write.note.error, type: counter, unit: "%"',
        "name: write.note.error",
    ),
]


@pytest.mark.parametrize(("old", "new", "marker"), FAULTS)
def test_type_fault_found_at_the_metric(data_copy, old, new, marker):
    edit(data_copy / "catalog.yaml", old, new)
    text = (data_copy / "catalog.yaml").read_text(encoding="utf-8")
    line = text[: text.index(marker)].count("\n") + 1
    found = check(load_catalog(data_copy), ["CAT023"])
    assert [(p.file, p.line) for p in found] == [("data/catalog.yaml", line)], [p.format() for p in found]


NEAR_MISSES = [
    # a gauge of a count (connections in use now) is a gauge
    ("name: db.pool.in_use, type: gauge, unit: connections", "name: db.pool.in_use, type: gauge, unit: sessions"),
    # a histogram of a count per event (rows per query) is a histogram
    ("name: db.query.duration, type: histogram, unit: ms", "name: db.query.duration, type: histogram, unit: rows"),
    # a counter of another countable thing
    ("name: db.error, type: counter, unit: queries", "name: db.error, type: counter, unit: errors"),
    # a gauge without a window, probe or share
    ("name: auth.token.refresh, type: counter", "name: auth.token.refresh, type: gauge"),
]


@pytest.mark.parametrize(("old", "new"), NEAR_MISSES)
def test_near_miss_passes(data_copy, old, new):
    edit(data_copy / "catalog.yaml", old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["CAT023"])] == []


def test_real_data_passes(catalog):
    assert check(catalog, ["CAT023"]) == []
