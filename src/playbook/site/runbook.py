"""Render runbooks as Markdown: scenarios and procedures, their steps, blocks and options, and the scenario index."""

from __future__ import annotations

from playbook import markdown
from playbook.data import durations
from playbook.data.catalog import Catalog
from playbook.data.model_runbook import Block, Option, Step
from playbook.markdown import DANGER, FAILS, MANUAL, STEP, admonition, esc, fence, search_terms, slug, table, tabs

QUERIES = "Log Queries (Common Patterns)"  # the heading of a procedure's saved queries


def render_block(block: Block) -> str:
    label = f"**{esc(block.title)}:**\n\n" if block.title else ""
    code = fence(block.code, block.kind)
    # what a failure means, under the command (under its box, if it has one: the box holds what running changes)
    fails = f"\n**{FAILS[block.on_failure.next]}:** {esc(block.on_failure.means)}\n" if block.on_failure else ""
    if block.destructive:
        note = "Confirm the incident commander agrees before you run this." + (f" {MANUAL}." if block.manual else "")
        said = [f"**{name}:** {esc(text)}" for name, text in (("Changes", block.changes), ("Undo", block.undo)) if text]
        return label + admonition("danger", DANGER, "\n\n".join([note, *said, code])) + fails
    safe = [f"**{markdown.SAFE_NOTE}:** {esc(block.safe)}"] if block.safe else []  # not read-only: the reader sees why
    if block.manual:
        return label + admonition("warning", MANUAL, "\n\n".join([*safe, code])) + fails
    if block.safe:
        return label + admonition("info", markdown.SAFE, "\n\n".join([*safe, code])) + fails
    return label + code + fails


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
        out.append(f"## {QUERIES}\n")
        for q in proc.queries:
            out.append(f"**{esc(q.title)}:**\n\n" + fence(q.code, "jq"))
    return "\n".join(out)


def render_scenario(cat: Catalog, sid: str, alias: bool = True) -> str:
    """A scenario's runbook page body; rendered once per catalog (the page, the binder and the checks use it).

    Without `alias`, no anchor of the scenario's old name (anchor_alias): the binder leaves it out, since
    the alert section it also prints may bear that id as its heading's (an id is given once in a page)."""
    return cat.memoized(("render_scenario", sid, alias), lambda: _render_scenario(cat, sid, alias))


def _render_scenario(cat: Catalog, sid: str, alias: bool) -> str:
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
    if sc.anchor_alias and alias:
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


__all__ = [
    "render_block",
    "render_procedure",
    "render_scenario",
    "render_scenario_index",
    "slug",
]
