"""Checker rule OWN008: a sentence that says teams have no channel or lead names only teams contacts.yaml leaves TBD."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.markup import all_strings
from playbook.data.model import TBD

# What says a team has no way to be reached yet: no channel, no lead, no contact, unconfigured (not negated itself:
# "no longer", "not unconfigured" are rare enough in this data to be read plainly)
_NONE = re.compile(r"(?i)\b(?:no\s+(?:channel|lead|contact|notifier|receiver)s?|unconfigured|not\s+configured)\b")
_SENTENCE = re.compile(r"(?<=[.;!?])\s+")


@rule(
    "OWN008",
    "error",
    "a sentence that says teams have no channel or lead yet (unconfigured) names only teams whose channel or lead "
    "contacts.yaml leaves TBD",
    "The router gives a team with no channel a receiver with no notifier; one with a channel is paged there. A "
    "decision that lists the Security Team among the unconfigured ones has readers expect its alerts to reach "
    "nobody, while contacts.yaml sends them to #security-alerts.",
    "take the team out of the sentence, or set its channel and lead to TBD in contacts.yaml if it really has none",
)
def unconfigured_teams_are_tbd(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    teams = [(t, t.name.split()[0]) for t in cat.contacts.teams]
    for file, path, text in all_strings(cat):
        if not text or not _NONE.search(text) or (path and path[-1] == "code"):
            continue
        for sentence in _SENTENCE.split(text):
            if not _NONE.search(sentence):
                continue
            for team, word in teams:
                m = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", sentence)
                if m and word[:1].isupper() and team.channel != TBD and team.lead != TBD:
                    message = f"this says {word} has no channel or lead, but {team.id} has {team.channel} and a lead"
                    yield report(file, path, message, needle=m.group(0))
