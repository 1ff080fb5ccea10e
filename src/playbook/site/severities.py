"""Render the severity levels as Markdown: the ladder of thresholds, and each level's response and SLAs."""

from __future__ import annotations

from playbook.data.catalog import Catalog
from playbook.data.expand import condition_text
from playbook.incident.routes import who_is_paged
from playbook.markdown import esc, search_terms, table
from playbook.site.values import dur


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
