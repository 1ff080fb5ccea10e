"""Render runbooks as Markdown: scenarios and procedures, their steps, blocks and options, and the scenario index."""

from __future__ import annotations

from playbook.data import durations
from playbook.data.catalog import Catalog
from playbook.data.model import Safe
from playbook.data.model_runbook import Block, Option, Step
from playbook.markdown import (
    Md,
    admonition,
    code,
    fence,
    in_html,
    line,
    link,
    search_terms,
    slug,
    table,
    tabs,
    text,
)
from playbook.runbooks.page_marks import DANGER, FAILS, MANUAL, SAFE, SAFE_NOTE, STEP

QUERIES = "Log Queries (Common Patterns)"  # the heading of a procedure's saved queries


def render_block(block: Block, safe: Safe | None = None) -> Md:
    """A code block with its box; `safe` is its `safe:` reason, resolved (Catalog.safe)."""
    label = Md("**{}:**\n\n").format(line(block.title)) if block.title else Md("")
    shown = fence(block.code, block.kind)
    # what a failure means, under the command (under its box, if it has one: the box holds what running changes)
    fails = Md("")
    if block.on_failure:
        fails = Md("\n**{}:** {}\n").format(FAILS[block.on_failure.next], block.on_failure.means)
    if block.destructive:
        note = Md("Confirm the incident commander agrees before you run this.")
        note += Md(" {}.").format(MANUAL) if block.manual else Md("")
        pairs = (("Changes", block.changes), ("Undo", block.undo))
        said = [Md("**{}:** {}").format(name, value) for name, value in pairs if value]
        return label + admonition("danger", DANGER, Md("\n\n").join([note, *said, shown])) + fails
    # not read-only: the reader sees why it is safe, right under the command (the box's title says it writes), so
    # a runbook's first command stays on the first screen
    why = [Md("**{}:** {}").format(SAFE_NOTE, safe.why)] if safe else []
    if block.manual:
        return label + admonition("warning", MANUAL, Md("\n\n").join([shown, *why])) + fails
    if safe:
        return label + admonition("info", SAFE, Md("\n\n").join([shown, *why])) + fails
    return label + shown + fails


def _body(cat: Catalog, prose: str | None, items: list[str], blocks: list[Block]) -> Md:
    parts = []
    if prose:
        parts.append(text(prose) + Md("\n"))
    if items:
        parts.append(Md("\n").join(Md("- {}").format(i) for i in items) + Md("\n"))
    parts += [render_block(b, cat.safe(b)) for b in blocks]
    return Md("\n").join(parts)


def render_option(cat: Catalog, opt: Option) -> Md:
    return _body(cat, opt.text, [], opt.blocks)


def render_step(cat: Catalog, step: Step, number: int | None, level: int = 3, after: str = "") -> Md:
    """A step's heading (its number, its title, then `after`, code's own words), prose, blocks, options, check."""
    heading = Md("{}. {}").format(number, step.title) if number else text(step.title)
    out = [Md("{} {}{} {{ .{} }}\n").format(Md("#") * level, line(heading), after, STEP)]
    if step.who:
        out.append(Md("**Who may run it:** ") + Md(", ").join(cat.party_name(w) for w in step.who) + Md("\n"))
    if step.keywords:
        out.append(search_terms(step.keywords))
    out.append(_body(cat, step.text, step.items, step.blocks))
    if step.options:
        out.append(tabs([(text(o.title), render_option(cat, o)) for o in step.options]))
    if step.verify:
        out.append(admonition("success", "Verify", text(step.verify)))
    return Md("\n").join(out)


def render_procedure(cat: Catalog, pid: str) -> Md:
    proc = cat.procedures[pid]
    out = [placeholders_used(cat, all_blocks(proc.steps) + [Block(kind="jq", code=q.code) for q in proc.queries])]
    if proc.intro:
        out.append(text(proc.intro) + Md("\n"))
    if proc.keywords:
        out.append(search_terms(proc.keywords))
    if proc.reasons:
        out.append(Md("## Why disable AI?\n\n") + Md("\n").join(Md("- {}").format(r) for r in proc.reasons) + "\n")
    for step in proc.steps:
        after = f" (< {durations.words(proc.target)})" if step.options and proc.target else ""
        out.append(render_step(cat, step, None, level=2, after=after))
    if proc.queries:
        out.append(Md("## {}\n").format(QUERIES))
        for q in proc.queries:
            out.append(Md("**{}:**\n\n").format(line(q.title)) + fence(q.code, "jq"))
    return Md("\n").join(out)


def render_scenario(cat: Catalog, sid: str, alias: bool = True) -> Md:
    """A scenario's runbook page body; rendered once per catalog (the page, the binder and the checks use it).

    Without `alias`, no anchor of the scenario's old name (anchor_alias): the binder leaves it out, since
    the alert section it also prints may bear that id as its heading's (an id is given once in a page)."""
    return cat.memoized(("render_scenario", sid, alias), lambda: _render_scenario(cat, sid, alias))


def _render_scenario(cat: Catalog, sid: str, alias: bool) -> Md:
    sc = cat.scenarios[sid]
    it = next(i for i in cat.matrix.incident_types if i.id == sc.incident_type)
    sev = cat.level(sc.severity)
    facts = [
        Md("**Typical severity** ") + link(f"{sev.id} {sev.name}", f"../severities.md#{sev.id.lower()}"),
        Md("**Owner** ") + cat.party_name(sc.owner),
        Md("**Incident type** ") + link(it.name, "../matrix.md"),
        Md("**Escalation** ") + Md(" + ").join(cat.party_name(e) for e in it.escalation),
    ]
    meta = Md('<p class="pb-facts" markdown>') + Md(" · ").join(facts) + Md("</p>\n")  # one line, not a table
    # Search terms go before the first heading, so the search indexes them with the page itself.
    out = [meta, search_terms([*sc.keywords, *sc.synonyms, *(w for ws in sc.synonyms.values() for w in ws)])]
    out.append(placeholders_used(cat, all_blocks(sc.steps), "../"))
    if sc.anchor_alias and alias:
        out.append(Md('<a id="{}"></a>\n').format(in_html(sc.anchor_alias)))  # an HTML attribute
    out.append(
        Md("## Symptoms\n\n") + Md("\n").join(Md("- {}{}").format(s.text, s.shown) for s in sc.symptoms) + Md("\n")
    )
    out.append(Md("## Runbook { data-search-exclude }\n"))  # a heading alone: no search result of its own
    out += [render_step(cat, step, n) for n, step in enumerate(sc.steps, 1)]
    return Md("\n").join(out)


def render_scenario_index(cat: Catalog) -> Md:
    rows = []
    for sc in cat.scenarios.values():
        symptoms = Md("<br>").join(Md("{}{}").format(s.text, s.shown) for s in sc.symptoms)
        rows.append([link(sc.title, f"scenarios/{sc.id}.md"), symptoms, sc.severity, cat.party_name(sc.owner)])
    return table(["Runbook", "Symptoms", "Typical severity", "Owner"], rows)


def all_blocks(steps: list[Step]) -> list[Block]:
    return [b for st in steps for b in [*st.blocks, *(b for o in st.options for b in o.blocks)]]


def placeholders_used(cat: Catalog, blocks: list[Block], prefix: str = "") -> Md:
    """A note naming the declared placeholders these blocks use, linked to their definitions."""
    names = [p for p in cat.placeholders if any(f"${p}" in b.code or f"${{{p}" in b.code for b in blocks)]
    if not names:
        return Md("")
    used = Md(", ").join(code(f"${n}") for n in names)
    title = "Set these first: " + ", ".join(f"${n}" for n in names)
    body = Md("This runbook uses {}: see {}.").format(used, link("Placeholders", f"{prefix}placeholders.md"))
    return admonition("info", text(title), body, collapsed=True)  # one line above the first command


__all__ = [
    "render_block",
    "render_procedure",
    "render_scenario",
    "render_scenario_index",
    "slug",
]
