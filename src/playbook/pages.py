"""Pages derived from the data: one generated page per scenario, its nav entry, tags and search boost."""

from __future__ import annotations

from playbook.catalog import Catalog
from playbook.markdown import search_terms

SCENARIO_DIR = "scenarios"
NAV_SECTION = "Runbooks"


def scenario_uri(sid: str) -> str:
    return f"{SCENARIO_DIR}/{sid}.md"


def scenario_source(cat: Catalog, sid: str) -> str:
    """The Markdown of a generated scenario page; the macros fill it in."""
    sc = cat.scenarios[sid]
    return f"# Scenario {sc.number}: {sc.title}\n\n{{{{ scenario({sid!r}) }}}}\n"


def add_scenarios_to_nav(cat: Catalog, nav: list) -> list:
    """Insert one entry per scenario, in scenario order, into the nav section named NAV_SECTION."""
    entries = [{f"{sc.number}. {sc.title}": scenario_uri(sid)} for sid, sc in cat.scenarios.items()]
    for item in nav:
        if isinstance(item, dict) and NAV_SECTION in item:
            item[NAV_SECTION] = [e for e in item[NAV_SECTION] if not _is_scenario(e)] + entries
            return nav
    return nav + [{NAV_SECTION: entries}]


def _is_scenario(entry) -> bool:
    return isinstance(entry, dict) and any(str(v).startswith(SCENARIO_DIR + "/") for v in entry.values())


def page_meta(cat: Catalog, src_uri: str, meta: dict) -> dict:
    """Front matter to add to a page: scenario pages get tags (severity, owner) and a search boost."""
    if src_uri.startswith(SCENARIO_DIR + "/"):
        sc = cat.scenarios.get(src_uri.removeprefix(SCENARIO_DIR + "/").removesuffix(".md"))
        if sc:
            return {"tags": [sc.severity, cat.party_name(sc.owner)], "search": {"boost": 1.5}}
    if meta.get("runbook"):
        return {"search": {"boost": 1.5}}
    return {}


def with_search_terms(markdown: str, words: list[str]) -> str:
    """A page's Markdown with its front-matter `keywords` as a search-terms line right under its title."""
    line = search_terms(words)
    lines = markdown.split("\n")
    at = next((i + 1 for i, text in enumerate(lines) if text.startswith("# ")), 0)
    return "\n".join([*lines[:at], "", line, *lines[at:]])
