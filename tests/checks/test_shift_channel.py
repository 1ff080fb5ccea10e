"""OWN005: the on-call shift's contact channel is the channel of the team the shift's role leads."""

from __future__ import annotations

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check


def test_the_real_shift_is_reached_on_its_team_channel(catalog):
    assert check(catalog, ["OWN005"]) == []


def test_a_shift_channel_off_its_team_channel_is_an_error_at_it(data_copy):
    oncall = data_copy / "oncall.yaml"
    edit(oncall, "contact_channel: on-call", "contact_channel: backend-alerts")
    found = check(load_catalog(data_copy), ["OWN005"])
    assert [(p.file, p.line, p.rule) for p in found] == [
        ("data/oncall.yaml", line_of(oncall, "contact_channel: backend-alerts"), "OWN005")
    ]
    assert "on-call" in found[0].message


def test_a_team_and_shift_moved_together_pass(data_copy):
    edit(data_copy / "oncall.yaml", "contact_channel: on-call", "contact_channel: security-alerts")
    team = "lead: oncall-primary, channel:"
    edit(data_copy / "contacts.yaml", f"{team} on-call", f"{team} security-alerts")
    assert check(load_catalog(data_copy), ["OWN005"]) == []


def test_a_team_channel_moved_off_the_seeds_shift_channel_is_an_error_at_the_team(data_copy):
    """The seed names #on-call as the shift's contact: when the team's channel moves instead (set 25's M46), the
    finding is at the team's channel, the line that changed, and cites the shift's."""
    contacts = data_copy / "contacts.yaml"
    team = "lead: oncall-primary, channel:"
    edit(contacts, f"{team} on-call", f"{team} incidents")
    found = check(load_catalog(data_copy), ["OWN005"])
    assert [(p.file, p.line, p.rule) for p in found] == [
        ("data/contacts.yaml", line_of(contacts, f"{team} incidents"), "OWN005")
    ]
    assert "oncall.yaml:" in found[0].message
