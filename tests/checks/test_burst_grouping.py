"""ALR014: a router that waits for a burst (group_wait) groups by named labels; '...' (every label) is reported at
group_by's line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

OLD = "group_by: [alertname, scenario]"


@pytest.mark.parametrize("new", ["group_by: [alertname, '...']", 'group_by: ["..."]'])
def test_grouping_by_every_label_is_found_at_group_by(data_copy, new):
    edit(data_copy / "alerts.yaml", OLD, new)
    found = check(load_catalog(data_copy), ["ALR014"])
    assert [(p.file, p.line) for p in found] == [("data/alerts.yaml", line_of(data_copy / "alerts.yaml", new))]
    assert "30s (group_wait)" in found[0].message and "alertname" in found[0].hint


@pytest.mark.parametrize("new", ["group_by: [alertname]", "group_by: [scenario, severity, team]"])
def test_named_labels_pass(data_copy, new):
    edit(data_copy / "alerts.yaml", OLD, new)
    assert check(load_catalog(data_copy), ["ALR014"]) == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["ALR014"]) == []
