"""Which files each page is made from: the one its edit link opens, and every file its last-updated date follows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from playbook.data import files as registry
from playbook.data.addresses import SCENARIO_DIR
from playbook.data.catalog import Catalog
from playbook.drill.alert_results import results_path as alert_results_path
from playbook.drill.results import results_path
from playbook.site.benchmarks import BEFORE, RESULTS
from playbook.site.macros import calls

SOURCE_LINK = "playbook-source"  # the repository the pages are edited in (repo_url; edit links start with it)
DATED = ("data", "docs", "bench")  # the folders pages are made from: their git dates date the pages

# Where an editor changes what each macro shows: a catalog part (its data file), ITEM (the scenario or
# procedure named by the macro's argument), or None (code or a generated record: the page itself is edited).
ITEM = "item"


@dataclass(frozen=True)
class Source:
    """What a macro's output is made from: where it is edited, and every catalog part its rendering reads
    (ITEM: the scenario or procedure its argument names; a folder part: each of its files). Declared, not
    observed while rendering: tests/site/test_site_sources.py proves each declaration against a recording
    of what the rendering really reads."""

    edited_in: str | None
    reads: tuple[str, ...]


SOURCES: dict[str, Source] = {
    "severity_ladder": Source("severities", ("severities", "oncall", "contacts")),
    "rules": Source(None, ()),
    "lifecycle_classify_example": Source(None, ("severities", "oncall", "contacts", "scenarios")),
    "lifecycle_incident_example": Source(None, ("incident", "oncall")),
    "lifecycle_check_example": Source(None, ("incident", "oncall", "severities")),
    "lifecycle_check_rules": Source(None, ()),
    "lifecycle_input_formats": Source(None, ("severities",)),
    "lifecycle_cli_reference": Source(None, ("severities",)),
    "benchmarks": Source(None, ()),
    "severities": Source("severities", ("severities", "oncall", "contacts", "incident")),
    "oncall": Source("oncall", ("oncall",)),
    "escalation": Source("oncall", ("oncall", "contacts", "severities")),
    "contacts": Source("contacts", ("contacts", "oncall")),
    "matrix": Source("matrix", ("matrix", "contacts")),
    "decisions": Source("decisions", ("decisions",)),
    "placeholders": Source("meta", ("meta",)),
    "postmortem_policy": Source("incident", ("incident", "oncall", "contacts", "meta")),
    "postmortem_template": Source("incident", ("incident",)),
    "declaration": Source("incident", ("incident", "severities", "data")),
    "declaration_summary": Source("incident", ("incident",)),
    "log_format": Source("data", ("data",)),
    "dashboard": Source("dashboard", ("dashboard",)),
    "reference": Source("data", ("data",)),
    "scenario_index": Source(None, ("scenarios", "contacts")),
    "procedure": Source(ITEM, (ITEM, "contacts", "meta", "data")),  # data: a shared safe: reason (catalog.yaml)
    "scenario": Source(ITEM, (ITEM, "severities", "contacts", "matrix", "meta", "data")),
    "drill_target": Source("data", ("data",)),
    "drill_results": Source(None, ("scenarios",)),
    "alert_drills": Source(None, ("scenarios", "meta")),
    "alerting": Source("alerts", ("alerts", "data", "contacts", "meta", "oncall", "scenarios", "severities")),
    "alert_routing": Source("alerts", ("alerts", "contacts", "matrix", "oncall", "severities")),
    "metric_names": Source("data", ("data",)),
    "metrics_bridge": Source("data", ("data",)),
    "grafana_dashboard": Source("dashboard", ("alerts", "data", "dashboard")),
    "binder": Source(
        None,
        ("alerts", "data", "contacts", "incident", "matrix", "meta", "oncall", "procedures", "scenarios", "severities"),
    ),
}
EDITED_IN: dict[str, str | None] = {name: source.edited_in for name, source in SOURCES.items()}
# `{{ pb.meta.system }}` in a page reads that part of the catalog directly (docs/index.md)
_PART_READ = re.compile(r"\bpb\.(\w+)")


def generated_files(cat: Catalog, macro: str) -> list[str]:
    """Files a macro reads beside the catalog (written by a command, not edited): they date the page too."""
    p = cat.project
    if macro == "benchmarks":
        return [p.rel(p.bench / RESULTS), p.rel(p.bench / BEFORE)]
    if macro == "drill_results":
        return [cat.rel(results_path(p.data))]
    if macro == "alert_drills":
        return [cat.rel(alert_results_path(p.data))]
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


def files_read(cat: Catalog, macro: str, arg: str | None) -> set[str]:
    """The data files `macro(arg)` is made from, by its declaration in SOURCES."""
    out: set[str] = set()
    for part in SOURCES[macro].reads:
        if part == ITEM:
            out |= {cat.source[arg]} if arg in cat.source else set()
            continue
        spec = registry.BY_PART[part]
        items = getattr(cat, part)
        out |= {cat.source[i] for i in items} if spec.folder else {cat.file(spec)}
    return out


def page_files(cat: Catalog, src_uri: str, markdown: str) -> list[str]:
    """Every file a page is made from, sorted: its edit file, its docs/ page, the data its macros (or its
    `pb.<part>` expressions) read, and the generated records its macros show. A scenario page is the
    `scenario` macro of its own scenario."""
    files = {edit_file(cat, src_uri, markdown)}
    files |= {f for f in [docs_file(cat, src_uri)] if f}
    if src_uri.startswith(SCENARIO_DIR + "/"):
        files |= files_read(cat, "scenario", src_uri.removeprefix(SCENARIO_DIR + "/").removesuffix(".md"))
    for name, arg in calls(markdown):
        if name in SOURCES:
            files |= files_read(cat, name, arg) | set(generated_files(cat, name))
    files |= {cat.file(registry.BY_PART[p]) for p in _PART_READ.findall(markdown) if p in registry.BY_PART}
    return sorted(files)
