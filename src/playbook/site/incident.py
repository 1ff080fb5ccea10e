"""Render the incident pages: declaration steps, the post-mortem policy and template, business days."""

from __future__ import annotations

from playbook.data import durations
from playbook.data.catalog import Catalog
from playbook.incident.records import days_off_of
from playbook.markdown import esc, fence, slug, table


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


def render_declaration(cat: Catalog) -> str:
    inc = cat.incident
    chats = {c.name: c for c in cat.data.chat_commands}
    out = ["## When to Declare an Incident\n", "Declare an incident if:\n"]
    out += [f"{n}. **{esc(w)}**" for n, w in enumerate(inc.when_to_declare, 1)]
    out.append("\n## How to Declare an Incident\n")
    for n, step in enumerate(inc.declaration_steps, 1):
        out.append(f"### Step {n}: {esc(step.title)}\n")
        if step.chat:
            c = chats[step.chat]
            out.append(fence(f"{c.usage}\n\n# Example:\n{c.example}", "chat"))
        if step.severity_actions:
            out.append("\n".join(f"- {s.id} → {esc(s.declare)}" for s in cat.severities.levels) + "\n")
        if step.status_page:
            sp = inc.status_page
            out.append(esc(sp.note) + "\n\n" + fence(f'Status: {sp.status}\nMessage: "{sp.message}"', "illustration"))
        if step.items:
            out.append("\n".join(f"- {esc(i)}" for i in step.items) + "\n")
        if step.cadence:
            cad = "; ".join(
                f"every {durations.words(s.update_every)} ({s.id})" for s in cat.severities.levels if s.update_every
            )
            out.append(f"- Post updates {cad}\n")
        if step.postmortem:
            pm = inc.postmortem
            out.append(
                f"- Required for {' and '.join(pm.required_for)} incidents\n"
                f"- Due within {pm.due_business_days} business days\n"
                "- See the [Post-Mortem Template](postmortem.md)\n"
            )
    return "\n".join(out)


def render_declaration_summary(cat: Catalog) -> str:
    """The declaration steps as a numbered list of links into the declaration page."""
    steps = cat.incident.declaration_steps
    return (
        "\n".join(
            f"{n}. [{esc(s.title)}](declare.md#{slug(f'Step {n}: {esc(s.title)}')})" for n, s in enumerate(steps, 1)
        )
        + "\n"
    )


def render_postmortem_template(cat: Catalog) -> str:
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
            lines += [table(sec.table.columns, sec.table.rows).rstrip()]
        lines += [f"- **{f.name}:** {f.placeholder}" for f in sec.fields]
        for sub in sec.subsections:
            lines += [f"### {sub.heading}", ""] + [f"- {i}" for i in sub.items] + [""]
    return fence("\n".join(lines).rstrip(), "illustration", title="post-mortem.md")
