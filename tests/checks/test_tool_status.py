"""CAT022: the dashboard's tools are not presented as in use while a runbook names one as future; the finding is
at the tools' status: line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.tool_status import future_mentions
from playbook.data.load import load_catalog
from playbook.site.checking import check

DASH, LOGS = "dashboard.yaml", "procedures/log-access.yaml"


@pytest.mark.parametrize("status", ["current", "in use"])
def test_cat022_tools_in_use_against_a_future_runbook(data_copy, status):
    edit(data_copy / DASH, "  status: future\n", f"  status: {status}\n")
    found = [p for p in check(load_catalog(data_copy), ["CAT022"]) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {(f"data/{DASH}", line_of(data_copy / DASH, f"status: {status}"))}


def test_cat022_in_use_where_no_runbook_says_future_passes(data_copy):
    edit(data_copy / DASH, "  status: future\n", "  status: current\n")
    edit(data_copy / LOGS, '"Log aggregation service (future: Datadog, Splunk)"', '"Log aggregation service (Datadog)"')
    assert check(load_catalog(data_copy), ["CAT022"]) == []


def test_cat022_real_data_passes(catalog):
    assert check(catalog, ["CAT022"]) == []


def test_future_mentions():
    lines = ["  - title: Log service (planned: Splunk)", "Grafana shows it", "future work on Grafanax"]
    assert future_mentions(lines, ["Splunk", "Grafana"]) == [(1, "Splunk")]
