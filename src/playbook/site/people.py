"""Render the people side of the playbook as Markdown: on-call, escalation, contacts and the responsibility matrix."""

from __future__ import annotations

from playbook.data.catalog import Catalog
from playbook.markdown import esc, table
from playbook.site.values import dur, known


def render_oncall(cat: Catalog) -> str:
    ch = cat.channels
    out = ["**Responsibilities:**\n"]
    for r in cat.oncall.responsibilities:
        names = ", ".join(f"`{ch[c].name}`" for c in r.channels)
        extra = (", etc." if r.more_channels else "") if names else ""
        out.append(f"- {esc(r.text)}" + (f" ({names}{extra})" if names else ""))
    shift = cat.oncall.shift
    out.append(f"\n**Shift:** {dur(shift.rotation)} rotation  ")
    out.append(f"**Contact:** `{ch[shift.contact_channel].name}` channel in Slack\n")
    return "\n".join(out) + "\n"


def render_escalation(cat: Catalog) -> str:
    rows = []
    for lvl in cat.oncall.escalation:
        after = "the acknowledge SLA of the severity" if lvl.after == "ack-sla" else dur(lvl.after)
        when = "at declaration" if lvl.after == "0m" else f"after {after}"
        responds = "within the acknowledge SLA" if lvl.responds_within == "ack-sla" else dur(lvl.responds_within)
        rows.append(
            [
                str(lvl.level),
                f"**{esc(cat.party_name(lvl.role))}**",
                esc(lvl.trigger),
                ", ".join(lvl.severities),
                when,
                responds,
            ]
        )
    head = ["#", "Who", "Trigger", "For", "Contacted", "Responds"]
    timeline = [[s.id, dur(s.ack, "—"), ", ".join(_route_names(cat, s.id))] for s in cat.severities.levels]
    return (
        table(head, rows)
        + "\n**Acknowledge SLA per level, and everyone contacted if the incident stays open:**\n\n"
        + table(["Level", "Primary must acknowledge within", "Eventually contacted"], timeline)
    )


def _route_names(cat: Catalog, sev: str) -> list[str]:
    return [cat.party_name(lvl.role) for lvl in cat.oncall.escalation if sev in lvl.severities] or ["nobody (ticket)"]


def render_contacts(cat: Catalog) -> str:
    rows = [
        [_anchored(r.id, r.name), known(r.person), known(r.email), known(r.phone), known(r.slack)]
        for r in cat.contacts.roles
    ]
    teams = [
        [
            _anchored(t.id, t.name),
            known(cat.party_name(t.lead) if t.lead in cat.roles else t.lead),
            known(cat.channels[t.channel].name if t.channel in cat.channels else t.channel),
        ]
        for t in cat.contacts.teams
    ]
    return (
        table(["Role", "Name", "Email", "Phone", "Slack"], rows)
        + "\n### Teams\n\n"
        + table(["Team", "Lead", "Channel"], teams)
    )


def render_matrix(cat: Catalog) -> str:
    rows = []
    for it in cat.matrix.incident_types:
        rows.append(
            [
                _anchored(it.id, it.name),
                esc(cat.party_name(it.primary)),
                esc(cat.party_name(it.secondary)),
                esc(" + ".join(cat.party_name(e) for e in it.escalation)),
            ]
        )
    return table(["Incident Type", "Primary Owner", "Secondary Owner", "Escalation"], rows)


def _anchored(anchor: str, name: str) -> str:
    """A row's first cell: its anchor (the search's row entries and links land on it), then its name."""
    return f'<a id="{anchor}"></a>{esc(name)}'
