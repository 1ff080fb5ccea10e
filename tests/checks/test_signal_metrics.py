"""CAT020: a severity signal's metric can give the signal's unit (a share from a share or a counter's rate, a time
from a time); the finding is at the signal's metric: line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.signal_metrics import cannot_give
from playbook.data.load import load_catalog
from playbook.site.checking import check

SEV = "severities.yaml"

FAULTS = [
    # set 19 M42's kind: a share read from a gauge of a count (connections in use, not users affected)
    ('    name: share of users affected\n    unit: "%"\n',
     '    name: share of users affected\n    unit: "%"\n    metric: db.pool.in_use\n', "metric: db.pool.in_use"),
    # a time read from a counter of failures
    ("    unit: ms\n    metric: db.query.duration\n", "    unit: ms\n    metric: db.error\n", "metric: db.error"),
    # minutes of audit logging down read from a 0/1 gauge
    ("    name: audit logging down\n    unit: min\n",
     "    name: audit logging down\n    unit: min\n    metric: health.liveness\n", "metric: health.liveness"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "marker"), FAULTS, ids=[f[2] for f in FAULTS])
def test_cat020_metric_that_cannot_give_the_unit(data_copy, old, new, marker):
    edit(data_copy / SEV, old, new)
    found = [p for p in check(load_catalog(data_copy), ["CAT020"]) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {(f"data/{SEV}", line_of(data_copy / SEV, marker))}, [
        p.format() for p in found
    ]


def test_cat020_real_data_passes(catalog):
    assert check(catalog, ["CAT020"]) == []


@pytest.mark.parametrize(
    ("signal_unit", "metric_type", "metric_unit"),
    [
        ("%", "gauge", "%"),  # error_rate from http.requests.error_rate
        ("%", "counter", "calls"),  # ai_error_rate: failed calls over invocations
        ("ms", "histogram", "ms"),
        ("min", "gauge", "s"),  # the same kind of quantity: LOG001 compares the sizes
        ("x", "histogram", "ms"),  # a multiple of its own baseline
        ("bool", "counter", "attempts"),
    ],
)
def test_cat020_fitting_metrics_pass(signal_unit, metric_type, metric_unit):
    assert cannot_give(signal_unit, metric_type, metric_unit) is None


def test_cat020_gauge_of_users_is_no_share():
    assert cannot_give("%", "gauge", "users")


def test_cat020_a_counter_gives_a_share_no_metric_holds():
    # ai_error_rate has no metric named after it in %: its counter of failed calls is its one source
    from types import SimpleNamespace as N

    from playbook.checks.signal_metrics import own_metric

    counter = N(name="ai.generate_note.error", type="counter", unit="calls")
    held = N(name="http.requests.error_rate", type="gauge", unit="%")
    assert own_metric([counter, held], "ai_error_rate", "%", counter) is None
    assert own_metric([counter, held], "error_rate", "%", counter) is held
    assert own_metric([counter, held], "error_rate", "%", held) is None
