"""ALR019: an alert's `for:` longer than the time its recorded end-to-end drill saw it fire after the fault is an error
at that `for:` line; a `for:` within it passes, and so does the real data."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.recorded_alerts import recorded_firings
from playbook.data.load import load_catalog
from playbook.site.checking import check

READY = "    metric: {metric: health.readiness}\n    for: 1m"


def _found(data) -> list:
    return [p for p in check(load_catalog(data), ["ALR019"]) if p.level == "error"]


def test_a_for_longer_than_the_recorded_firing_is_an_error_at_its_line(data_copy):
    # spent set 21 M48's kind: DatabaseNotReady made to hold for half an hour, its drill recorded firing in minutes
    edit(data_copy / "alerts.yaml", READY, READY.replace("for: 1m", "for: 30m"))
    found = _found(data_copy)
    assert [(p.file, p.line) for p in found] == [("data/alerts.yaml", line_of(data_copy / "alerts.yaml", "for: 30m"))]
    assert "DatabaseNotReady" in found[0].message


@pytest.mark.parametrize("held", ["30s", "1m"])
def test_a_for_within_the_recorded_firing_passes(data_copy, held):
    edit(data_copy / "alerts.yaml", READY, READY.replace("for: 1m", f"for: {held}"))
    assert _found(data_copy) == []


def test_recorded_firings_are_in_alert_time(data_copy):
    text = (data_copy / "alert_drill_results.yaml").read_text(encoding="utf-8")
    edit(data_copy / "alert_drill_results.yaml", "time_factor: 60.0", "time_factor: 1.0")
    slow = recorded_firings(load_catalog(data_copy))
    (data_copy / "alert_drill_results.yaml").write_text(text, encoding="utf-8")
    fast = recorded_firings(load_catalog(data_copy))
    assert fast.keys() == slow.keys() and all(abs(fast[k] - 60 * slow[k]) < 1e-6 for k in fast)


def test_a_missing_record_is_no_finding(data_copy):
    (data_copy / "alert_drill_results.yaml").unlink()
    assert recorded_firings(load_catalog(data_copy)) == {}


def test_real_data_passes(catalog):
    assert check(catalog, ["ALR019"]) == []
