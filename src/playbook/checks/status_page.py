"""Checker rule on the status page template: its message speaks for the state its status names (STAT001)."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.model_incident import STATUSES
from playbook.data.spelling import words
from playbook.data.stems import stem


@rule(
    "STAT001",
    "error",
    "the status page's message names no incident state but the one its status gives",
    "Users read the status and the message at once: 'Resolved' above 'We are investigating reports of login "
    "issues' tells them two things, and one of them is false.",
    "give the status the state the message speaks for (Investigating, Identified, Monitoring, Resolved), or "
    "reword the message",
)
def message_speaks_for_status(ctx: CheckContext, report: Reporter):
    page = ctx.catalog.incident.status_page
    said = {stem(w) for w in words(page.message)}
    states = {stem(s.lower()): s for s in STATUSES}
    other = sorted(name for key, name in states.items() if key in said and name != page.status)
    if other and stem(page.status.lower()) not in said:
        message = f"the status is {page.status}, but the message speaks for {' and '.join(other)}"
        yield report(F.INCIDENT, ("status_page", "status"), message)
