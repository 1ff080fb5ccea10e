"""Pages derived from the data: one generated page per scenario, its nav entry and tags."""

from __future__ import annotations

from playbook.data.addresses import SCENARIO_DIR, scenario_uri
from playbook.data.catalog import Catalog
from playbook.markdown import Md, html_text, line, search_terms

NAV_SECTION = "Runbooks"
# Material renders the navigation into every page, so a flat list of N scenarios costs N x N.
# Beyond NAV_FLAT_MAX scenarios the nav groups them by incident type, in sub-groups of at most
# NAV_GROUP_MAX, and `navigation.prune` renders only the open group: the build stays linear.
NAV_FLAT_MAX = 12
NAV_GROUP_MAX = 40


def scenario_source(cat: Catalog, sid: str) -> Md:
    """The Markdown of a generated scenario page, already rendered from the data.

    `render_macros: false` spares mkdocs-macros a Jinja compile of each generated page (a
    millisecond each, a tenth of the data layer's cost at 1,000 scenarios); the page is the
    output the `scenario` macro gives, and the pre-page hook still adds its tags and boost.
    """
    from playbook.site.runbook import render_scenario

    sc = cat.scenarios[sid]
    head = Md("---\nrender_macros: false\n---\n\n# Scenario {}: {}\n\n").format(sc.number, line(sc.title))
    return head + render_scenario(cat, sid) + Md("\n")


def add_scenarios_to_nav(cat: Catalog, nav: list) -> list:
    """Insert one entry per scenario, in scenario order, into the nav section named NAV_SECTION."""
    entries = scenario_nav(cat)
    for item in nav:
        if isinstance(item, dict) and NAV_SECTION in item:
            item[NAV_SECTION] = [e for e in item[NAV_SECTION] if not _is_scenario(e)] + entries
            return nav
    return nav + [{NAV_SECTION: entries}]


def nav_title(sc) -> str:
    """A scenario's title in the nav: HTML (the theme writes nav titles as they are), escaped."""
    return html_text(f"{sc.number}. {sc.title}")


def scenario_nav(cat: Catalog) -> list:
    """The scenarios' nav entries: flat while few, else grouped by incident type (matrix order). Their titles
    and the group titles are data shown as HTML: escaped."""
    entries = [(sc.number, {nav_title(sc): scenario_uri(sid)}) for sid, sc in cat.scenarios.items()]
    if len(entries) <= NAV_FLAT_MAX:
        return [e for _, e in entries]
    groups: dict[str, list] = {it.id: [] for it in cat.matrix.incident_types}
    for (_, entry), sc in zip(entries, cat.scenarios.values(), strict=True):
        groups.setdefault(sc.incident_type, []).append((sc.number, entry))
    out = []
    for it in cat.matrix.incident_types:
        items = groups[it.id]
        if len(items) > NAV_GROUP_MAX:
            chunks = [items[i : i + NAV_GROUP_MAX] for i in range(0, len(items), NAV_GROUP_MAX)]
            out.append({html_text(it.name): [{f"{c[0][0]}–{c[-1][0]}": [e for _, e in c]} for c in chunks]})
        elif items:
            out.append({html_text(it.name): [e for _, e in items]})
    return out


def _is_scenario(entry) -> bool:
    """A scenario entry, or a group made only of scenario entries."""
    if not isinstance(entry, dict):
        return False
    return all(
        (isinstance(v, str) and v.startswith(SCENARIO_DIR + "/"))
        or (isinstance(v, list) and bool(v) and all(_is_scenario(x) for x in v))
        for v in entry.values()
    )


def page_meta(cat: Catalog, src_uri: str, meta: dict) -> dict:
    """Front matter to add to a page: scenario pages get tags (severity, owner; the theme writes tag names as
    HTML: escaped). A page's search prior is data (search.yaml pages), set on its index entries by the MkDocs
    adapter."""
    if src_uri.startswith(SCENARIO_DIR + "/"):
        sc = cat.scenarios.get(src_uri.removeprefix(SCENARIO_DIR + "/").removesuffix(".md"))
        if sc:
            return {"tags": [html_text(sc.severity), html_text(cat.party_name(sc.owner))]}
    return {}


def with_search_terms(markdown: str, words: list[str]) -> str:
    """A page's Markdown with its front-matter `keywords` as a search-terms line right under its title."""
    line = search_terms(words)
    lines = markdown.split("\n")
    at = next((i + 1 for i, text in enumerate(lines) if text.startswith("# ")), 0)
    return "\n".join([*lines[:at], "", line, *lines[at:]])


def placeholder_hints(cat: Catalog) -> list[dict]:
    """The placeholders commands may use, for the page script that marks them in code (no secret values)."""
    return [
        {"name": p.name, "secret": p.secret, "meaning": p.meaning, "default": None if p.secret else p.default}
        for p in cat.meta.placeholders
    ]
