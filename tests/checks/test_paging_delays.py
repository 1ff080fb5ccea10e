"""ALR008: an alert pages within its level's ack, counting the time a total outage takes to fill the rate window up to
the alert's threshold. A window that alone takes the ack is found at window:; a window that leaves room passes."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.paging_delays import window_fill
from playbook.data.load import load_catalog
from playbook.site.checking import check


def test_the_real_data_passes(catalog):
    assert check(catalog, ["ALR008"]) == []


@pytest.mark.parametrize("window", ["12m", "1h"])
def test_a_rate_window_a_total_outage_fills_too_slowly_is_found_at_window(data_copy, window):
    """A 12m window: SEV-1's 50% is crossed 6m into a total outage, past the 5m acknowledge time by itself."""
    edit(data_copy / "alerts.yaml", "window: 5m\n", f"window: {window}\n")
    found = check(load_catalog(data_copy), ["ALR008"])
    assert found and {(p.file, p.line) for p in found} == {
        ("data/alerts.yaml", line_of(data_copy / "alerts.yaml", f"window: {window}"))
    }, [p.format() for p in found]
    assert "rate window" in found[0].message


def test_a_for_lengthened_past_what_the_window_leaves_is_found_at_the_for(data_copy):
    """The window's fill (2m30s for 50% of 5m) counts: a for: of 3m, within the ack alone, is past it with it."""
    edit(data_copy / "alerts.yaml", "    for: 2m\n", "    for: 3m\n")
    found = check(load_catalog(data_copy), ["ALR008"])
    assert [(p.file, p.line) for p in found] == [("data/alerts.yaml", line_of(data_copy / "alerts.yaml", "for: 3m"))]


def test_a_shorter_window_passes(data_copy):
    edit(data_copy / "alerts.yaml", "window: 5m\n", "window: 3m\n")
    assert check(load_catalog(data_copy), ["ALR008"]) == []


def test_the_fill_is_the_threshold_share_of_the_window(catalog):
    from playbook.alerts.prometheus import resolve

    fills = {a.title: window_fill(catalog, a) for a in resolve(catalog)}
    assert fills["System Down"] == 150  # 50% of 5m
    assert fills["Database Not Ready"] == 0 and fills["Database Slow Queries"] == 0  # no share: nothing to fill
