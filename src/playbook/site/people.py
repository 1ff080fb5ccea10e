"""Render the people side of the playbook as Markdown: severities, escalation, contacts, decisions."""

from __future__ import annotations

from playbook.data import durations
from playbook.data.catalog import Catalog
from playbook.data.expand import condition_text
from playbook.data.model import TBD
from playbook.incident.records import days_off_of
from playbook.incident.routes import who_is_paged
from playbook.markdown import esc, search_terms, table


def dur(value: str | None, none: str = "—") -> str:
    return durations.words(value) if value else none


def known(value: str) -> str:
    """A contact value, or a visible unknown marker for TBD (never a blank cell)."""
    if value == TBD:
        return '<span class="pb-tbd" title="Not known yet: ask the owner to supply it">❓ TBD</span>'
    return esc(value)


def condition(cat: Catalog, cond) -> str:
    sig = cat.signals[cond.signal]
    bound = condition_text(cond, "" if sig.unit == "bool" else sig.unit)
    return esc(f"{cond.wording} ({sig.name} {bound})" if bound else cond.wording)


def action(cat: Catalog, sev, act) -> str:
    role = cat.party_name(act.role) if act.role else ""
    channel = cat.channels
    text = {
        "page": f"Page {role} {act.when or ''}".strip(),
        "notify": f"Notify {role}",
        "create_channel": f"Create incident channel (`{channel['incident-channel'].name}`)",
        "investigate": f"Investigate within {dur(sev.ack)}",
        "post_updates": f"Post updates every {dur(sev.update_every)} to `{channel['incidents'].name}`",
    }.get(act.kind, act.text or "")
    return esc(text)


def render_severity_ladder(cat: Catalog) -> str:
    """The at-a-glance table for the home page."""
    rows = []
    for sev in cat.severities.levels:
        quals = "<br>".join(condition(cat, c) for c in sev.conditions)
        paged = ", ".join(who_is_paged(cat, sev)) or "Ticket only"
        rows.append(
            [
                f"[**{sev.id}** {sev.name}](severities.md#{sev.id.lower()})",
                quals,
                dur(sev.ack, esc(sev.sla_note or "—")),
                dur(sev.resolve, "next sprint"),
                dur(sev.update_every),
                esc(paged),
            ]
        )
    return table(["Level", "Qualifies when any of", "Acknowledge", "Resolve", "Updates every", "Page at once"], rows)


def render_severities(cat: Catalog) -> str:
    out = []
    for sev in cat.severities.levels:
        out.append(f"## {sev.id}: {sev.name} {{ #{sev.id.lower()} }}\n")
        out.append(search_terms([sev.id, sev.id.replace("-", ""), sev.id.replace("-", " ")]))
        out.append("**Definition** (any of):\n")
        out += [f"- {condition(cat, c)}" for c in sev.conditions]
        out.append("\n**Response:**\n")
        out += [f"- {action(cat, sev, a)}" for a in sev.response]
        if sev.ack:
            out.append(f"\n**SLA:** Acknowledge within {dur(sev.ack)}, resolve within {dur(sev.resolve)}.")
        else:
            out.append(f"\n**SLA:** {esc(sev.sla_note or '')}.")
        pm = cat.incident.postmortem
        if cat.postmortem_required(sev.id):
            out.append(
                f"\n**Post-mortem:** required, due within {pm.due_business_days} business days "
                f"([template](postmortem.md)).\n"
            )
        else:
            out.append("\n**Post-mortem:** not required.\n")
    return "\n".join(out) + "\n"


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
    rows = [[esc(r.name), known(r.person), known(r.email), known(r.phone), known(r.slack)] for r in cat.contacts.roles]
    teams = [
        [
            esc(t.name),
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
                esc(it.name),
                esc(cat.party_name(it.primary)),
                esc(cat.party_name(it.secondary)),
                esc(" + ".join(cat.party_name(e) for e in it.escalation)),
            ]
        )
    return table(["Incident Type", "Primary Owner", "Secondary Owner", "Escalation"], rows)


def render_decisions(cat: Catalog) -> str:
    out = []
    for d in cat.decisions.decisions:
        rule = f" Guarded by rule `{d.rule}`." if d.rule else ""
        out.append(
            f"### {esc(d.topic)} {{ #{d.id.lower()} }}\n\n`{d.id}`\n\n**The seed:** {esc(d.seed)}\n\n"
            f"**Decision:** {esc(d.decision)}{rule}\n"
        )
    return "\n".join(out)


def render_placeholders(cat: Catalog) -> str:
    rows = []
    for p in cat.meta.placeholders:
        default = (
            "*secret: set it in your shell, never in a document*"
            if p.secret
            else (f"`{p.default}`" if p.default else "—")
        )
        rows.append([f"`${p.name}`", esc(p.meaning), default])
    exports = "\n".join(f'export {p.name}="{p.default}"' for p in cat.meta.placeholders if p.default and not p.secret)
    return (
        table(["Placeholder", "Meaning", "Default"], rows)
        + "\nSet the defaults in one go, then change what differs:\n\n"
        + f'``` {{ .bash data-kind="shell" }}\n{exports}\n```\n'
    )


def render_postmortem_policy(cat: Catalog) -> str:
    pm = cat.incident.postmortem
    return (
        f"**Required for:** {' and '.join(pm.required_for)} incidents  \n"
        f"**Due:** Within {pm.due_business_days} business days  \n"
        f"**Owner:** {esc(cat.party_name(pm.owner))}\n\n" + render_business_days(cat)
    )


def render_business_days(cat: Catalog) -> str:
    """Which days count as business days for the due date, with the days off of the data's year and the next."""
    pm = cat.incident.postmortem
    days = ", ".join(d.capitalize() for d in cat.oncall.business_hours.weekdays)
    pub = pm.public_holidays
    where = f"{pub.country}-{pub.subdivision}" if pub and pub.subdivision else pub.country if pub else None
    less = f"except {esc(where)} public holidays" if where else "(no public holidays are set)"
    extra = f" and {len(pm.holidays)} other day(s) off" if pm.holidays else ""
    out = f"**Business days:** {days}, {less}{extra}.\n"
    first = cat.meta.seed_last_updated.year
    off = days_off_of(cat)
    rows = [[d.isoformat(), d.strftime("%A"), esc(name)] for y in (first, first + 1) for d, name in off.of_year(y)]
    if not rows:
        return out
    body = table(["Date", "Day", "Not a business day"], rows)
    title = f"Days off in {first} and {first + 1}"
    return out + f'\n??? info "{title}"\n\n' + "".join(f"    {line}\n" if line else "\n" for line in body.split("\n"))
