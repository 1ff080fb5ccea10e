"""Render the incident pages: declaration steps, the post-mortem policy and template, business days."""

from __future__ import annotations

from playbook.data import durations
from playbook.data.catalog import Catalog
from playbook.incident.records import days_off_of, plain_table
from playbook.markdown import Md, admonition, fence, line, link, slug, table, text


def render_postmortem_policy(cat: Catalog) -> Md:
    pm = cat.incident.postmortem
    return Md("**Required for:** {} incidents  \n**Due:** Within {} business days  \n**Owner:** {}\n\n").format(
        " and ".join(pm.required_for), pm.due_business_days, cat.party_name(pm.owner)
    ) + render_business_days(cat)


def render_business_days(cat: Catalog) -> Md:
    """Which days count as business days for the due date, with the days off of the data's year and the next."""
    pm = cat.incident.postmortem
    days = ", ".join(d.capitalize() for d in cat.oncall.business_hours.weekdays)
    pub = pm.public_holidays
    where = f"{pub.country}-{pub.subdivision}" if pub and pub.subdivision else pub.country if pub else None
    less = Md("except {} public holidays").format(where) if where else Md("(no public holidays are set)")
    extra = f" and {len(pm.holidays)} other day(s) off" if pm.holidays else ""
    out = Md("**Business days:** {}, {}{}.\n").format(days, less, extra)
    first = cat.meta.seed_last_updated.year
    off = days_off_of(cat)
    rows = [[d.isoformat(), d.strftime("%A"), name] for y in (first, first + 1) for d, name in off.of_year(y)]
    if not rows:
        return out
    body = table(["Date", "Day", "Not a business day"], rows)
    return out + Md("\n") + admonition("info", f"Days off in {first} and {first + 1}", body, collapsed=True)


def render_declaration(cat: Catalog) -> Md:
    inc = cat.incident
    chats = {c.name: c for c in cat.data.chat_commands}
    out = [Md("## When to Declare an Incident\n"), Md("Declare an incident if:\n")]
    out += [Md("{}. **{}**").format(n, w) for n, w in enumerate(inc.when_to_declare, 1)]
    out.append(Md("\n## How to Declare an Incident\n"))
    for n, step in enumerate(inc.declaration_steps, 1):
        out.append(Md("### {}\n").format(_step_heading(n, step.title)))
        if step.chat:
            c = chats[step.chat]
            out.append(fence(f"{c.usage}\n\n# Example:\n{c.example}", "chat"))
        if step.severity_actions:
            out.append(Md("\n").join(Md("- {} → {}").format(s.id, s.declare) for s in cat.severities.levels) + "\n")
        if step.status_page:
            sp = inc.status_page
            shown = fence(f'Status: {sp.status}\nMessage: "{sp.message}"', "illustration")
            out.append(text(sp.note) + Md("\n\n") + shown)
        if step.items:
            out.append(Md("\n").join(Md("- {}").format(i) for i in step.items) + Md("\n"))
        if step.cadence:
            cad = "; ".join(
                f"every {durations.words(s.update_every)} ({s.id})" for s in cat.severities.levels if s.update_every
            )
            out.append(Md("- Post updates {}\n").format(cad))
        if step.postmortem:
            pm = inc.postmortem
            out.append(
                Md("- Required for {} incidents\n- Due within {} business days\n").format(
                    " and ".join(pm.required_for), pm.due_business_days
                )
                + Md("- See the [Post-Mortem Template](postmortem.md)\n")
            )
    return Md("\n").join(out)


def _step_heading(n: int, title: str) -> Md:
    return line(Md("Step {}: {}").format(n, title))


def render_declaration_summary(cat: Catalog) -> Md:
    """The declaration steps as a numbered list of links into the declaration page."""
    steps = cat.incident.declaration_steps
    items = [
        Md("{}. {}").format(n, link(s.title, f"declare.md#{slug(_step_heading(n, s.title))}"))
        for n, s in enumerate(steps, 1)
    ]
    return Md("\n").join(items) + Md("\n")


def render_postmortem_template(cat: Catalog) -> Md:
    pm = cat.incident.postmortem
    lines = [f"# {pm.title}", ""]
    lines += [f"**{f.name}:** {f.placeholder}  " for f in pm.fields]
    for sec in pm.sections:
        lines += ["", "---", "", f"## {sec.heading}", ""]
        if sec.placeholder:
            lines.append(sec.placeholder)
        if sec.example:
            lines += ["", "Example:"] + [f"> {line}" for line in sec.example.splitlines()]
        if sec.table:
            lines += [plain_table(sec.table.columns, sec.table.rows).rstrip()]
        lines += [f"- **{f.name}:** {f.placeholder}" for f in sec.fields]
        for sub in sec.subsections:
            lines += [f"### {sub.heading}", ""] + [f"- {i}" for i in sub.items] + [""]
    return fence("\n".join(lines).rstrip(), "illustration", title="post-mortem.md")
