"""Checker rule OWN007: a channel whose purpose names a team's alerts is that team's channel (contacts.yaml)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F


@rule(
    "OWN007",
    "error",
    "a Slack channel whose purpose says it carries a team's alerts is the channel contacts.yaml gives that team",
    "The router sends a team's alerts to the channel contacts.yaml gives the team (none while it is TBD: the "
    "receiver has no notifier). A purpose that says '#backend-alerts: the Database Team's alerts' has the on-call "
    "watch a channel those alerts never reach.",
    "give the team that channel in contacts.yaml (teams: channel:), or take the team out of the purpose",
)
def purpose_names_its_teams(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, channel in enumerate(cat.oncall.channels):
        for team in cat.contacts.teams:
            word = team.name.split()[0]  # "Database" of Database Team: "Database Team's alerts", "database alerts"
            said = re.search(rf"(?i)\b{re.escape(word)}(?:\s+team(?:['’]s)?)?\s+alerts\b", channel.purpose or "")
            if said and team.channel != channel.id:
                has = f"its channel is {team.channel}" if team.channel != "TBD" else "it has no channel yet (TBD)"
                message = f"{channel.name}'s purpose says {said.group(0)!r}, but {team.id}'s alerts go elsewhere: {has}"
                yield report(F.ONCALL, ("channels", i, "purpose"), message, needle=said.group(0))
