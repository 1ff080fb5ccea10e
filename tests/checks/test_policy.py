"""PM001: a level whose response opens an incident channel (a declared incident) needs a post-mortem."""

from __future__ import annotations

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check


def test_a_declaring_level_without_a_post_mortem_is_an_error_at_required_for(data_copy):
    sev = data_copy / "severities.yaml"
    edit(
        sev,
        "      - {kind: fix, text: Fix within normal business hours}\n",
        "      - {kind: create_channel, channel: incident-channel}\n"
        "      - {kind: fix, text: Fix within normal business hours}\n",
    )
    found = check(load_catalog(data_copy), ["PM001"])
    incident = data_copy / "incident.yaml"
    assert [(p.file, p.line) for p in found] == [("data/incident.yaml", line_of(incident, "required_for:"))]
    assert "SEV-3" in found[0].message


def test_a_level_that_opens_no_channel_may_skip_the_post_mortem(data_copy):
    sev = data_copy / "severities.yaml"
    text = sev.read_text(encoding="utf-8")
    sev2 = text.index("  - id: SEV-2")
    at = text.index("      - {kind: create_channel, channel: incident-channel}\n", sev2)
    sev.write_text(text[:at] + text[at:].replace("      - {kind: create_channel, channel: incident-channel}\n", "", 1))
    edit(data_copy / "incident.yaml", "required_for: [SEV-1, SEV-2]", "required_for: [SEV-1]")
    assert check(load_catalog(data_copy), ["PM001"]) == []
