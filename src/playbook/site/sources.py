"""Which files each page is made from: the one its edit link opens, and every file its last-updated date follows."""

from __future__ import annotations

from playbook.data import files as registry
from playbook.data.addresses import SCENARIO_DIR
from playbook.data.catalog import Catalog
from playbook.drill.results import results_path
from playbook.site.benchmarks import BEFORE, RESULTS
from playbook.site.macros import calls

SOURCE_LINK = "playbook-source"  # the repository the pages are edited in (repo_url; edit links start with it)
DATED = ("data", "docs", "bench")  # the folders pages are made from: their git dates date the pages

# Where an editor changes what each macro shows: a catalog part (its data file), ITEM (the scenario or
# procedure named by the macro's argument), or None (code or a generated record: the page itself is edited).
ITEM = "item"
EDITED_IN: dict[str, str | None] = {
    "severity_ladder": "severities",
    "rules": None,
    "lifecycle_classify_example": None,
    "lifecycle_incident_example": None,
    "lifecycle_check_example": None,
    "lifecycle_check_rules": None,
    "lifecycle_input_formats": None,
    "lifecycle_cli_reference": None,
    "benchmarks": None,
    "severities": "severities",
    "oncall": "oncall",
    "escalation": "oncall",
    "contacts": "contacts",
    "matrix": "matrix",
    "decisions": "decisions",
    "placeholders": "meta",
    "postmortem_policy": "incident",
    "postmortem_template": "incident",
    "declaration": "incident",
    "declaration_summary": "incident",
    "log_format": "data",
    "dashboard": "dashboard",
    "reference": "data",
    "scenario_index": None,
    "procedure": ITEM,
    "scenario": ITEM,
    "drill_target": "data",
    "drill_results": None,
    "alerting": "alerts",
    "alert_routing": "alerts",
    "metric_names": "data",
    "grafana_dashboard": "dashboard",
    "binder": None,
}


def generated_files(cat: Catalog, macro: str) -> list[str]:
    """Files a macro reads beside the catalog (written by a command, not edited): they date the page too."""
    p = cat.project
    if macro == "benchmarks":
        return [p.rel(p.bench / RESULTS), p.rel(p.bench / BEFORE)]
    if macro == "drill_results":
        return [cat.rel(results_path(p.data))]
    return []


def edited_in(cat: Catalog, macro: str, arg: str | None) -> str | None:
    """The file (`data/…`, as findings name it) where what `macro(arg)` shows is edited, or None."""
    part = EDITED_IN[macro]
    if part == ITEM:
        return cat.source.get(arg or "")
    return cat.file(registry.BY_PART[part]) if part else None


def docs_file(cat: Catalog, src_uri: str) -> str | None:
    """The docs/ file of a page, or None for a generated page (a scenario's)."""
    return None if src_uri.startswith(SCENARIO_DIR + "/") else cat.project.rel(cat.project.docs / src_uri)


def edit_file(cat: Catalog, src_uri: str, markdown: str) -> str:
    """The one file a page's edit link opens: a scenario page's scenario file; else the file the first macro
    call of the page (its raw Markdown) is edited in; else, for prose, the docs/ page itself."""
    if src_uri.startswith(SCENARIO_DIR + "/"):
        return cat.source[src_uri.removeprefix(SCENARIO_DIR + "/").removesuffix(".md")]
    first = next(((name, arg) for name, arg in calls(markdown) if name in EDITED_IN), None)
    return (first and edited_in(cat, *first)) or docs_file(cat, src_uri)


def page_files(cat: Catalog, src_uri: str, markdown: str, read: set[str]) -> list[str]:
    """Every file a page is made from, sorted: its edit file, its docs/ page, the data its rendering
    `read` (see data.reads) and the generated records its macros show."""
    files = {edit_file(cat, src_uri, markdown), *read}
    files |= {f for f in [docs_file(cat, src_uri)] if f}
    for name, _ in calls(markdown):
        files.update(generated_files(cat, name) if name in EDITED_IN else [])
    return sorted(files)
