"""Render the people side of the playbook as Markdown: on-call, escalation, contacts and the responsibility matrix."""

from __future__ import annotations

from playbook.data.catalog import Catalog
from playbook.markdown import Md, code, in_html, table
from playbook.site.values import dur, known


def render_oncall(cat: Catalog) -> Md:
    ch = cat.channels
    out = [Md("**Responsibilities:**\n")]
    for r in cat.oncall.responsibilities:
        names = Md(", ").join(code(ch[c].name) for c in r.channels)
        extra = Md(", etc.") if r.more_channels and names else Md("")
        out.append(Md("- {}").format(r.text) + (Md(" ({}{})").format(names, extra) if names else Md("")))
    shift = cat.oncall.shift
    out.append(Md("\n**Shift:** {} rotation  ").format(dur(shift.rotation)))
    out.append(Md("**Contact:** {} channel in Slack\n").format(code(ch[shift.contact_channel].name)))
    return Md("\n").join(out) + Md("\n")


def render_escalation(cat: Catalog) -> Md:
    rows = []
    for lvl in cat.oncall.escalation:
        after = Md("the acknowledge SLA of the severity") if lvl.after == "ack-sla" else dur(lvl.after)
        when = Md("at declaration") if lvl.after == "0m" else Md("after {}").format(after)
        responds = Md("within the acknowledge SLA") if lvl.responds_within == "ack-sla" else dur(lvl.responds_within)
        rows.append(
            [
                str(lvl.level),
                Md("**{}**").format(cat.party_name(lvl.role)),
                lvl.trigger,
                ", ".join(lvl.severities),
                when,
                responds,
            ]
        )
    head = ["#", "Who", "Trigger", "For", "Contacted", "Responds"]
    timeline = [[s.id, dur(s.ack, "—"), ", ".join(_route_names(cat, s.id))] for s in cat.severities.levels]
    return (
        table(head, rows)
        + Md("\n**Acknowledge SLA per level, and everyone contacted if the incident stays open:**\n\n")
        + table(["Level", "Primary must acknowledge within", "Eventually contacted"], timeline)
    )


def _route_names(cat: Catalog, sev: str) -> list[str]:
    return [cat.party_name(lvl.role) for lvl in cat.oncall.escalation if sev in lvl.severities] or ["nobody (ticket)"]


def render_contacts(cat: Catalog) -> Md:
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
        + Md("\n### Teams\n\n")
        + table(["Team", "Lead", "Channel"], teams)
    )


def render_matrix(cat: Catalog) -> Md:
    rows = []
    for it in cat.matrix.incident_types:
        rows.append(
            [
                _anchored(it.id, it.name),
                cat.party_name(it.primary),
                cat.party_name(it.secondary),
                " + ".join(cat.party_name(e) for e in it.escalation),
            ]
        )
    return table(["Incident Type", "Primary Owner", "Secondary Owner", "Escalation"], rows)


def _anchored(anchor: str, name: str) -> Md:
    """A row's first cell: its anchor (the search's row entries and links land on it), then its name."""
    return Md('<a id="{}"></a>{}').format(in_html(anchor), name)
