"""Render runbooks, scenarios, the declaration steps, logs, post-mortem template and dashboard."""

from __future__ import annotations

import json

from playbook.data import durations
from playbook.data.catalog import Catalog
from playbook.data.model_runbook import Block, Option, Step
from playbook.markdown import DANGER, MANUAL, STEP, admonition, esc, fence, search_terms, slug, table, tabs


def render_block(block: Block) -> str:
    label = f"**{esc(block.title)}:**\n\n" if block.title else ""
    code = fence(block.code, block.kind)
    if block.destructive:
        note = "Confirm the incident commander agrees before you run this." + (f" {MANUAL}." if block.manual else "")
        said = [f"**{name}:** {esc(text)}" for name, text in (("Changes", block.changes), ("Undo", block.undo)) if text]
        return label + admonition("danger", DANGER, "\n\n".join([note, *said, code]))
    if block.manual:
        return label + admonition("warning", MANUAL, code)
    return label + code


def _body(text: str | None, items: list[str], blocks: list[Block]) -> str:
    parts = []
    if text:
        parts.append(esc(text) + "\n")
    if items:
        parts.append("\n".join(f"- {esc(i)}" for i in items) + "\n")
    parts += [render_block(b) for b in blocks]
    return "\n".join(parts)


def render_option(opt: Option) -> str:
    return _body(opt.text, [], opt.blocks)


def render_step(cat: Catalog, step: Step, number: int | None, level: int = 3) -> str:
    title = f"{number}. {step.title}" if number else step.title
    out = [f"{'#' * level} {esc(title)} {{ .{STEP} }}\n"]
    if step.who:
        out.append("**Who may run it:** " + ", ".join(esc(cat.party_name(w)) for w in step.who) + "\n")
    if step.keywords:
        out.append(search_terms(step.keywords))
    out.append(_body(step.text, step.items, step.blocks))
    if step.options:
        out.append(tabs([(o.title, render_option(o)) for o in step.options]))
    if step.verify:
        out.append(admonition("success", "Verify", esc(step.verify)))
    return "\n".join(out)


def render_procedure(cat: Catalog, pid: str) -> str:
    proc = cat.procedures[pid]
    out = [placeholders_used(cat, all_blocks(proc.steps) + [Block(kind="jq", code=q.code) for q in proc.queries])]
    if proc.intro:
        out.append(esc(proc.intro) + "\n")
    if proc.keywords:
        out.append(search_terms(proc.keywords))
    if proc.reasons:
        out.append("## Why disable AI?\n\n" + "\n".join(f"- {esc(r)}" for r in proc.reasons) + "\n")
    for step in proc.steps:
        title = step.title + (f" (< {durations.words(proc.target)})" if step.options and proc.target else "")
        out.append(render_step(cat, step.model_copy(update={"title": title}), None, level=2))
    if proc.queries:
        out.append("## Log Queries (Common Patterns)\n")
        for q in proc.queries:
            out.append(f"**{esc(q.title)}:**\n\n" + fence(q.code, "jq"))
    return "\n".join(out)


def render_scenario(cat: Catalog, sid: str) -> str:
    """A scenario's runbook page body; rendered once per catalog (the page, the binder and the checks use it)."""
    return cat.memoized(("render_scenario", sid), lambda: _render_scenario(cat, sid))


def _render_scenario(cat: Catalog, sid: str) -> str:
    sc = cat.scenarios[sid]
    it = next(i for i in cat.matrix.incident_types if i.id == sc.incident_type)
    sev = cat.level(sc.severity)
    facts = [
        f"**Typical severity** [{sev.id} {sev.name}](../severities.md#{sev.id.lower()})",
        f"**Owner** {esc(cat.party_name(sc.owner))}",
        f"**Incident type** [{esc(it.name)}](../matrix.md)",
        f"**Escalation** {esc(' + '.join(cat.party_name(e) for e in it.escalation))}",
    ]
    meta = '<p class="pb-facts" markdown>' + " · ".join(facts) + "</p>\n"  # one line, not a table
    # Search terms go before the first heading, so the search indexes them with the page itself.
    out = [meta, search_terms([*sc.keywords, *sc.synonyms, *(w for ws in sc.synonyms.values() for w in ws)])]
    out.append(placeholders_used(cat, all_blocks(sc.steps), "../"))
    if sc.anchor_alias:
        out.append(f'<a id="{sc.anchor_alias}"></a>\n')
    out.append("## Symptoms\n\n" + "\n".join(f"- {esc(s.text)}" for s in sc.symptoms) + "\n")
    out.append("## Runbook { data-search-exclude }\n")  # a heading alone: no search result of its own
    out += [render_step(cat, step, n) for n, step in enumerate(sc.steps, 1)]
    return "\n".join(out)


def render_scenario_index(cat: Catalog) -> str:
    rows = []
    for sc in cat.scenarios.values():
        link = f"[{esc(sc.title)}](scenarios/{sc.id}.md)"
        rows.append([link, "<br>".join(esc(s.text) for s in sc.symptoms), sc.severity, esc(cat.party_name(sc.owner))])
    return table(["Runbook", "Symptoms", "Typical severity", "Owner"], rows)


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


def all_blocks(steps: list[Step]) -> list[Block]:
    return [b for st in steps for b in [*st.blocks, *(b for o in st.options for b in o.blocks)]]


def placeholders_used(cat: Catalog, blocks: list[Block], prefix: str = "") -> str:
    """A note naming the declared placeholders these blocks use, linked to their definitions."""
    names = [p for p in cat.placeholders if any(f"${p}" in b.code or f"${{{p}" in b.code for b in blocks)]
    if not names:
        return ""
    used = ", ".join(f"`${n}`" for n in names)
    title = "Set these first: " + ", ".join(f"${n}" for n in names)
    body = f"This runbook uses {used}: see [Placeholders]({prefix}placeholders.md)."
    return admonition("info", title, body, collapsed=True)  # one line above the first command


def render_log_format(cat: Catalog) -> str:
    lf = cat.data.log_format
    rows = [[f"`{f.path}`", f.type, "yes" if f.required else "", esc(f.help)] for f in lf.fields]
    return (
        f"**Location:** {esc(lf.location)}  \n**Encoding:** {esc(lf.encoding)}\n\n"
        "All logs are structured JSON. One record, pretty-printed:\n\n"
        + fence(json.dumps(lf.example, indent=2), "json")
        + "\n"
        + table(["Field", "Type", "Required", "Meaning"], rows)
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


def render_dashboard(cat: Catalog) -> str:
    out = [f"**{esc(cat.dashboard.title)}:**\n"]
    for n, panel in enumerate(cat.dashboard.panels, 1):
        out.append(f"### {n}. {esc(panel.title)}\n")
        out += [f"- {esc(i.text)} — " + ", ".join(f"`{m}`" for m in i.metrics) for i in panel.items]
        out.append("")
    tools = cat.dashboard.tools
    out.append(f"### Dashboard Tools ({esc(tools.status.capitalize())})\n")
    out += [f"- **{esc(t.name)}:** {esc(t.role)}" for t in tools.list]
    return "\n".join(out) + "\n"


def render_reference(cat: Catalog) -> str:
    d = cat.data
    metrics = [[f"`{m.name}`", m.type, esc(m.unit), esc(m.help), "seed" if m.seed else "named here"] for m in d.metrics]
    eps = [[f"`{e.path}`", e.method, e.rate_limit or "", esc(e.help)] for e in d.endpoints]
    lims = [[x.id, esc(str(x.requests)), durations.words(x.window)] for x in d.rate_limits]
    flags = [[f"`{f.name}`", f"`{f.default}`", esc(f.help)] for f in d.feature_flags]
    chats = [[f"`{c.usage}`", f"`{c.example}`"] for c in d.chat_commands]
    return "\n".join(
        [
            "## Metrics\n",
            table(["Name", "Type", "Unit", "Meaning", "Source"], metrics),
            "## Endpoints\n",
            table(["Path", "Method", "Rate limit", "Meaning"], eps),
            "## Rate limits\n",
            table(["Class", "Requests", "Window"], lims),
            "## Feature flags\n",
            table(["Flag", "Default", "Effect"], flags),
            "## Chat commands\n",
            table(["Usage", "Example"], chats),
        ]
    )


__all__ = [
    "render_block",
    "render_procedure",
    "render_scenario",
    "render_scenario_index",
    "render_declaration",
    "render_log_format",
    "render_postmortem_template",
    "render_dashboard",
    "render_reference",
    "slug",
]
