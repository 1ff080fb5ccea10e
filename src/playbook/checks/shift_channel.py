"""Checker rule on the on-call shift's contact channel against the channel of the team its role leads."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.model import TBD
from playbook.data.seed import seed_text


@rule(
    "OWN005",
    "error",
    "the on-call shift's contact channel is the channel of the team its role leads",
    "`playbook who` and the On-Call page send whoever needs the engineer on shift to the shift's contact channel; "
    "contacts.yaml gives the team that role leads its own channel. A shift channel set to another one (the status "
    "channel every stakeholder reads) sends the call for help where no one on shift is reached.",
    "write the channel of the team the shift's role leads (contacts.yaml teams), or change that team's channel too",
)
def shift_reached_on_its_team_channel(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    shift = cat.oncall.shift
    led = sorted({t.channel for t in cat.contacts.teams if t.lead == shift.role and t.channel != TBD})
    if led and shift.contact_channel not in led:
        teams = ", ".join(t.id for t in cat.contacts.teams if t.lead == shift.role and t.channel != TBD)
        # the side the seed does not say was edited: a shift channel the seed names as the contact ("**Contact:**
        # #on-call channel") is kept, and the team's channel is reported; else the shift's
        said = re.search(rf"(?im)^\W*contact\W.*#{re.escape(shift.contact_channel)}\b", seed_text(cat.project))
        if said:
            where = cat.where(cat.file(F.ONCALL), ("shift", "contact_channel"))[0]
            for i, t in enumerate(cat.contacts.teams):
                if t.lead == shift.role and t.channel != TBD:
                    message = f"{t.id}'s channel is {t.channel}, but the shift its lead {shift.role} is on is reached "
                    message += f"in {shift.contact_channel} (oncall.yaml:{where}, as the seed says)"
                    yield report(
                        F.CONTACTS, ("teams", i, "channel"), message, f"write channel: {shift.contact_channel}"
                    )
            return
        message = f"the shift's contact channel is {shift.contact_channel}, but {shift.role} leads {teams}, "
        message += f"whose channel is {' or '.join(led)}"
        yield report(F.ONCALL, ("shift", "contact_channel"), message, f"write contact_channel: {led[0]}")
