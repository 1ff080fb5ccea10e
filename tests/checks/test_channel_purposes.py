"""OWN007: a channel whose purpose says it carries a team's alerts is the channel contacts.yaml gives that team."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

BACKEND = "purpose: Backend alerts}"


def test_the_real_channels_pass(catalog):
    assert check(catalog, ["OWN007"]) == []


@pytest.mark.parametrize(
    "new",
    [
        'purpose: "Backend alerts, and the Database Team\'s alerts"}',  # set 24's M46: a team with no channel
        "purpose: Backend and security alerts}",  # a team whose channel is another
    ],
)
def test_a_purpose_naming_another_teams_alerts_is_an_error_at_it(data_copy, new):
    edit(data_copy / "oncall.yaml", BACKEND, new)
    found = check(load_catalog(data_copy), ["OWN007"])
    line = line_of(data_copy / "oncall.yaml", new)
    assert [(p.rule, p.file, p.line) for p in found] == [("OWN007", "data/oncall.yaml", line)], found


def test_a_team_given_the_channel_it_is_said_to_have_passes(data_copy):
    edit(data_copy / "oncall.yaml", BACKEND, 'purpose: "Backend alerts, and the Database Team\'s alerts"}')
    edit(
        data_copy / "contacts.yaml",
        "name: Database Team, lead: TBD, channel: TBD",
        "name: Database Team, lead: TBD, channel: backend-alerts",
    )
    assert check(load_catalog(data_copy), ["OWN007"]) == []
