"""REF016: an address of the published site (`site_page`) names a page the site builds and an anchor it has;
REF017: a scenario's anchor_alias is the anchor its alert's section heading renders. Each at the edited line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

TITLE = "- title: Write Operation Failure Spike"
FIRST = "- title: System Down"

# (rule, file, old, new, the text of the line the finding must be at: the new text's first line when None)
FAULTS = [
    ("REF016", "incident.yaml", "site_page('rollback.html')", "site_page('rollbacks.html')", None),
    ("REF016", "incident.yaml", "failure-spike') }}", "failure-spikes') }}", None),
    ("REF016", "incident.yaml", "site_page('rollback.html')", "site_page('rollback.html#roll-back')", None),
    ("REF016", "decisions.yaml", "exist.'\n", "exist (see https://playbook.dramal.com/alert.html).'\n", "alert.html"),
    ("REF017", "alerts.yaml", TITLE, "- title: Write Failure Spike", None),  # set 14 M41
    ("REF017", "alerts.yaml", TITLE, "- title: Write Operations Failure Spike", None),
    # the section moved: an alert put before it renumbers its heading (3-write-…)
    ("REF017", "alerts.yaml", FIRST, "- title: Extra\n    scenario: database-down\n    symptom: 2\n    measure: down\n"
     "    metric: {metric: health.readiness}\n    for: 1m\n  " + FIRST, "Write Operation Failure Spike"),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker"), FAULTS)
def test_a_fault_is_found_at_its_line(data_copy, rule, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), [rule])
    line = line_of(data_copy / file, marker or new.strip().splitlines()[0])
    assert [(p.file, p.line, p.rule) for p in found] == [(f"data/{file}", line, rule)], [p.format() for p in found]


def test_an_alias_named_nowhere_is_left_to_ref014(data_copy):
    edit(data_copy / "scenarios/write-operations-failing.yaml", "anchor_alias: 2-", "anchor_alias: 3-")
    assert check(load_catalog(data_copy), ["REF017"]) == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["REF016", "REF017"]) == []
