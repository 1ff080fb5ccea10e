"""The checks run with the site's own pages: what `playbook check`, `extract` and the build run."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from playbook.checks.cache import Cache
from playbook.checks.engine import run_checks
from playbook.data.addresses import SCENARIO_DIR
from playbook.data.catalog import Catalog
from playbook.drill.alert_results import load_alert_results
from playbook.drill.results import load_results
from playbook.errors import Problem
from playbook.site.macros import expand_calls
from playbook.site.pages import scenario_source


class SitePages:
    """Scenario pages rendered from the data, the project's docs/ pages with their macros expanded."""

    def __init__(self, cat: Catalog):
        self.cat = cat

    def markdown(self, page: str) -> str | None:
        return self.cat.memoized(("page_markdown", page), lambda: self._markdown(page))

    def names(self) -> list[str]:
        docs = self.cat.project.docs
        pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
        return pages + [f"{SCENARIO_DIR}/{sid}.md" for sid in self.cat.scenarios]

    def _markdown(self, page: str) -> str | None:
        if page.startswith(SCENARIO_DIR + "/"):
            sid = page.removeprefix(SCENARIO_DIR + "/").removesuffix(".md")
            return scenario_source(self.cat, sid) if sid in self.cat.scenarios else None
        path = self.cat.project.docs / page
        return expand_calls(self.cat, path.read_text(encoding="utf-8"), page) if path.is_file() else None


def check(
    cat: Catalog,
    only: Iterable[str] | None = None,
    cache: Cache | None = None,
    tools_required: bool = False,
    render: Callable[[str], str] | None = None,
) -> list[Problem]:
    """Every finding of every rule (or of those in `only`), with the site's pages to follow links into, and with
    `render` (the MkDocs adapter's `text_renderer`) the site's Markdown of a data text (TXT008 reads it).

    Raises DataError (located) first when data/drill_results.yaml or data/alert_drill_results.yaml, which the
    drills page shows, is bad: inside MkDocs the macro would stop the build with a traceback and no location."""
    load_results(cat.project.data)
    load_alert_results(cat.project.data)
    return run_checks(cat, only, pages=SitePages(cat), cache=cache, tools_required=tools_required, render=render)
