"""OWN008: a sentence that says teams have no channel or lead names only teams contacts.yaml leaves TBD."""

from __future__ import annotations

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

LIST = "(Database, AI, DevOps, Legal, the Board)"


def test_the_real_data_passes(catalog):
    assert check(catalog, ["OWN008"]) == []


def test_a_team_with_a_channel_and_a_lead_listed_as_unconfigured_is_an_error_at_the_sentence(data_copy):
    """Set 24's M45: the Security Team (lead security-lead, channel #security-alerts) added to the list."""
    edit(data_copy / "decisions.yaml", LIST, "(Database, AI, DevOps, Security, Legal, the Board)")
    found = check(load_catalog(data_copy), ["OWN008"])
    line = line_of(data_copy / "decisions.yaml", "DevOps, Security, Legal")
    assert [(p.rule, p.file, p.line) for p in found] == [("OWN008", "data/decisions.yaml", line)], found
    assert "security-team" in found[0].message


def test_a_team_named_in_another_sentence_passes(data_copy):
    old = "have no channel or lead yet.'"
    edit(data_copy / "decisions.yaml", old, old[:-1] + " Security alerts reach #security-alerts.'")
    assert check(load_catalog(data_copy), ["OWN008"]) == []
