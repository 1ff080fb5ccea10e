"""Who is contacted for an incident of a given severity, type and age: the escalation path as a function."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from playbook.data import files as F
from playbook.data.catalog import Catalog
from playbook.data.durations import parse_duration
from playbook.data.model import TBD

MANAGEMENT = ("eng-manager", "cto")


@dataclass(frozen=True)
class Contact:
    party: str  # role or team id
    name: str
    at: timedelta  # time after declaration when this party is contacted
    reason: str
    conditional: bool = False  # only if the primary has not acknowledged
    source: tuple = ()  # (data file, path) of the fact that brings this party in: an escalation level, a matrix owner


def _after(cat: Catalog, sev: str, after: str) -> timedelta:
    level = cat.level(sev)
    if after == "ack-sla":
        return parse_duration(level.ack) if level.ack else timedelta.max
    return parse_duration(after)


def schedule(cat: Catalog, sev: str, incident_type: str | None = None) -> list[Contact]:
    """Everyone who may be contacted for `sev` (and `incident_type`), in time order."""
    out: list[Contact] = []
    path = [(i, lvl) for i, lvl in enumerate(cat.oncall.escalation) if sev in lvl.severities]
    for step, (i, lvl) in enumerate(path, 1):  # numbered along this severity's own path: SEV-2's steps are 1, 2, 3
        out.append(
            Contact(
                lvl.role,
                cat.party_name(lvl.role),
                _after(cat, sev, lvl.after),
                f"escalation step {step}: {lvl.trigger}",
                lvl.only_if_unacknowledged,
                (F.ONCALL, ("escalation", i, "severities", lvl.severities.index(sev))),
            )
        )
    if incident_type:
        k, it = next((k, i) for k, i in enumerate(cat.matrix.incident_types) if i.id == incident_type)
        row = ("incident_types", k)
        for owner in ("primary", "secondary"):
            party = getattr(it, owner)
            reason = f"{owner} owner of {it.name}"
            out.append(Contact(party, cat.party_name(party), timedelta(0), reason, source=(F.MATRIX, (*row, owner))))
        mgmt = [c.at for c in out if c.party in MANAGEMENT]
        if mgmt:  # decision D-matrix-escalation: the matrix escalation joins when management does
            for j, e in enumerate(it.escalation):
                where = (F.MATRIX, (*row, "escalation", j))
                out.append(Contact(e, cat.party_name(e), min(mgmt), f"escalation for {it.name}", source=where))
    out.sort(key=lambda c: (c.at, c.conditional))
    seen: set[str] = set()
    unique = []
    for c in out:
        if c.party not in seen:
            seen.add(c.party)
            unique.append(c)
    return unique


def route(
    cat: Catalog, sev: str, elapsed: timedelta, incident_type: str | None = None, acknowledged: bool = False
) -> list[Contact]:
    """Who has been contacted `elapsed` after declaration (the secondary only while unacknowledged)."""
    return [c for c in schedule(cat, sev, incident_type) if c.at <= elapsed and not (c.conditional and acknowledged)]


def paged_at_declaration(cat: Catalog, sev: str, incident_type: str | None = None) -> list[str]:
    """The parties `playbook who` names the moment an incident of `sev` (and `incident_type`) is declared."""
    return [c.party for c in route(cat, sev, timedelta(0), incident_type)]


def who_is_paged(cat: Catalog, sev) -> list[str]:
    """The names paged the moment an incident of level `sev` is declared: the same answer as the router's."""
    return [cat.party_name(p) for p in paged_at_declaration(cat, sev.id)]


def _known(value: str | None) -> str | None:
    return value if value and value != TBD else None


def reach(cat: Catalog, party: str) -> dict[str, str | None]:
    """How a role or team is reached: its phone, Slack handle or channel and e-mail (None while TBD); a team
    is phoned and mailed through its lead, when that is a role."""
    if party in cat.roles:
        r = cat.roles[party]
        return {"phone": _known(r.phone), "slack": _known(r.slack), "email": _known(r.email)}
    team = cat.teams.get(party)
    channel = cat.channels.get(team.channel) if team else None
    lead = cat.roles.get(team.lead) if team else None
    return {
        "phone": _known(lead.phone) if lead else None,
        "slack": channel.name if channel else None,
        "email": _known(lead.email) if lead else None,
    }
