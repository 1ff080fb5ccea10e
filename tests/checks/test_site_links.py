"""REF016: an address of the published site (`site_page`) names a page the site builds and an anchor it has;
REF017: a scenario's anchor_alias is the anchor its alert's section heading renders; REF022: a text links the site's
own pages by their source, not by the published address. Each at the edited line."""

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
    # a link to the site's own page by its published address (set 17 M10, spent), in a scenario and in incident.yaml
    ("REF022", "scenarios/ai-service-down.yaml", "](../disable-ai.md)",
     "](http://Playbook.dramal.com/disable-ai.html#why-disable-ai)", "Playbook.dramal.com/disable-ai"),
    ("REF022", "incident.yaml", "see [Log Access](logs.md)", "see [Log Access](https://playbook.dramal.com/logs.html)",
     "playbook.dramal.com/logs.html"),
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
    assert check(catalog, ["REF016", "REF017", "REF022"]) == []


def test_ref022_names_the_source_to_link(data_copy):
    edit(
        data_copy / "scenarios/ai-service-down.yaml", "](../disable-ai.md)", "](https://playbook.dramal.com/rollback/)"
    )
    (p,) = check(load_catalog(data_copy), ["REF022"])
    assert "link '../rollback/index.md'" in p.message, p.format()


def test_ref022_other_hosts_pass(data_copy):
    """Another host, even one whose name starts with the site's, is an address of the internet: not this rule's."""
    file = data_copy / "scenarios/ai-service-down.yaml"
    edit(
        file,
        "](../disable-ai.md)",
        "](https://playbook.dramal.com.example.org/disable-ai.html) [s](https://status.example.org/)",
    )
    assert check(load_catalog(data_copy), ["REF022"]) == []
