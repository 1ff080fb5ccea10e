"""Render the severity levels as Markdown: the ladder of thresholds, and each level's response and SLAs."""

from __future__ import annotations

from playbook.data.catalog import Catalog
from playbook.data.expand import condition_text
from playbook.incident.routes import who_is_paged
from playbook.markdown import Md, code, line, link, search_terms, table, text
from playbook.site.values import dur


def condition(cat: Catalog, cond) -> Md:
    sig = cat.signals[cond.signal]
    bound = condition_text(cond, "" if sig.unit == "bool" else sig.unit)
    return text(f"{cond.wording} ({sig.name} {bound})" if bound else cond.wording)


def action(cat: Catalog, sev, act) -> Md:
    role = cat.party_name(act.role) if act.role else ""
    channel = cat.channels[act.channel].name if act.channel else ""
    said = {
        "page": lambda: text(f"Page {role} {act.when or ''}".strip()),
        "notify": lambda: Md("Notify {}").format(role),
        "create_channel": lambda: Md("Create incident channel ({})").format(code(channel)),
        "investigate": lambda: Md("Investigate within {}").format(dur(sev.ack)),
        "post_updates": lambda: Md("Post updates every {} to {}").format(dur(sev.update_every), code(channel)),
    }.get(act.kind)
    return said() if said else text(act.text or "")


def render_severity_ladder(cat: Catalog) -> Md:
    """The at-a-glance table for the home page."""
    rows = []
    for sev in cat.severities.levels:
        quals = Md("<br>").join(condition(cat, c) for c in sev.conditions)
        paged = ", ".join(who_is_paged(cat, sev)) or "Ticket only"
        rows.append(
            [
                link_level(sev, "severities.md"),
                quals,
                dur(sev.ack, sev.sla_note or "—"),
                dur(sev.resolve, "next sprint"),
                dur(sev.update_every),
                paged,
            ]
        )
    return table(["Level", "Qualifies when any of", "Acknowledge", "Resolve", "Updates every", "Page at once"], rows)


def link_level(sev, page: str) -> Md:
    """A level's id in bold and its name, linked to its section of the severities page."""
    return link(Md("**{}** {}").format(sev.id, sev.name), f"{page}#{sev.id.lower()}")


def render_severities(cat: Catalog) -> Md:
    out = []
    for sev in cat.severities.levels:
        out.append(Md("## {}: {} {{ #{} }}\n").format(sev.id, line(sev.name), sev.id.lower()))
        out.append(search_terms([sev.id, sev.id.replace("-", ""), sev.id.replace("-", " ")]))
        out.append(Md("**Definition** (any of):\n"))
        out += [Md("- {}").format(condition(cat, c)) for c in sev.conditions]
        out.append(Md("\n**Response:**\n"))
        out += [Md("- {}").format(action(cat, sev, a)) for a in sev.response]
        if sev.ack:
            out.append(
                Md("\n**SLA:** Acknowledge within {}, resolve within {}.").format(dur(sev.ack), dur(sev.resolve))
            )
        else:
            out.append(Md("\n**SLA:** {}.").format(sev.sla_note or ""))
        pm = cat.incident.postmortem
        if cat.postmortem_required(sev.id):
            out.append(
                Md("\n**Post-mortem:** required, due within {} business days ([template](postmortem.md)).\n").format(
                    pm.due_business_days
                )
            )
        else:
            out.append(Md("\n**Post-mortem:** not required.\n"))
    return Md("\n").join(out) + Md("\n")
