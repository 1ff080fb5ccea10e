"""The site's macros: one table of name -> pure render call, used by mkdocs-macros and by the checker."""

from __future__ import annotations

import re
from collections.abc import Callable

from playbook.data.catalog import Catalog
from playbook.data.refs import KINDS, RULE
from playbook.drill.alert_results import load_alert_results
from playbook.drill.results import load_results
from playbook.errors import DataError, Problem
from playbook.markdown import Md, published
from playbook.site import alerting as ra
from playbook.site import benchmarks as rb
from playbook.site import decisions as rdec
from playbook.site import drills as rd
from playbook.site import incident as rinc
from playbook.site import lifecycle as rl
from playbook.site import people as rp
from playbook.site import reference as rref
from playbook.site import runbook as rr
from playbook.site import severities as rs
from playbook.site.binder import render_binder
from playbook.site.routing import render_routing
from playbook.site.rules import render_rules

_CALL = re.compile(r"""\{\{\s*(\w+)\(\s*(?:"([^"]*)"|'([^']*)')?\s*\)\s*\}\}""")


def macro_table(cat: Catalog) -> dict[str, Callable[..., Md]]:
    """Every macro a page may call, bound to the catalog; each must give Md (playbook.markdown), or the call
    fails: no renderer can put a data string into a page unescaped."""
    return {name: _checked(name, fn) for name, fn in _macros(cat).items()}


def _checked(name: str, fn: Callable[..., Md]) -> Callable[..., Md]:
    def call(*args) -> Md:
        return published(fn(*args), f"the macro {name}()")

    return call


def _macros(cat: Catalog) -> dict[str, Callable[..., Md]]:
    return {
        "severity_ladder": lambda: rs.render_severity_ladder(cat),
        "rules": lambda: render_rules(),
        "lifecycle_classify_example": lambda: rl.render_classify_example(cat),
        "lifecycle_incident_example": lambda: rl.render_incident_example(cat),
        "lifecycle_check_example": lambda: rl.render_check_example(cat),
        "lifecycle_check_rules": lambda: rl.render_check_rules(),
        "lifecycle_input_formats": lambda: rl.render_input_formats(cat),
        "lifecycle_cli_reference": lambda: rl.render_cli_reference(cat),
        "benchmarks": lambda: rb.render_benchmarks(cat.project.bench),
        "severities": lambda: rs.render_severities(cat),
        "oncall": lambda: rp.render_oncall(cat),
        "escalation": lambda: rp.render_escalation(cat),
        "contacts": lambda: rp.render_contacts(cat),
        "matrix": lambda: rp.render_matrix(cat),
        "decisions": lambda: rdec.render_decisions(cat),
        "placeholders": lambda: rref.render_placeholders(cat),
        "postmortem_policy": lambda: rinc.render_postmortem_policy(cat),
        "postmortem_template": lambda: rinc.render_postmortem_template(cat),
        "declaration": lambda: rinc.render_declaration(cat),
        "declaration_summary": lambda: rinc.render_declaration_summary(cat),
        "log_format": lambda: rref.render_log_format(cat),
        "dashboard": lambda: rref.render_dashboard(cat),
        "reference": lambda: rref.render_reference(cat),
        "scenario_index": lambda: rr.render_scenario_index(cat),
        "procedure": lambda pid: rr.render_procedure(cat, pid),
        "scenario": lambda sid: rr.render_scenario(cat, sid),
        "drill_target": lambda: rd.render_drill_target(cat),
        "drill_results": lambda: rd.render_drill_results(cat, load_results(cat.project.data)),
        "alert_drills": lambda: rd.render_alert_drills(cat, load_alert_results(cat.project.data)),
        "alerting": lambda: ra.render_alerting(cat),
        "alert_routing": lambda: render_routing(cat),
        "metric_names": lambda: ra.render_metric_names(cat),
        "metrics_bridge": lambda: ra.render_metrics_bridge(cat),
        "grafana_dashboard": lambda: ra.render_grafana(cat),
        "binder": lambda: render_binder(cat),
    }


def calls(markdown: str) -> list[tuple[str, str | None]]:
    """(name, argument or None) of each `{{ name() }}` or `{{ name("arg") }}` call in a page's raw Markdown,
    in page order (the caller keeps those of macros it knows)."""
    return [(m.group(1), m.group(2) if m.group(2) is not None else m.group(3)) for m in _CALL.finditer(markdown)]


# Macros whose argument is an id of the data, by the kind of data/refs.py it must be.
ID_ARGS = {"procedure": "procedure", "scenario": "scenario"}


def expand_calls(cat: Catalog, markdown: str, page: str = "") -> str:
    """Replace `{{ name() }}` / `{{ name("arg") }}` calls of known macros by their Markdown (others stay).

    An unknown id given to `procedure` or `scenario` is a DataError at the call's line of docs/`page`."""
    table = macro_table(cat)

    def call(m: re.Match) -> str:
        fn = table.get(m.group(1))
        if fn is None:
            return m.group(0)
        arg = m.group(2) if m.group(2) is not None else m.group(3)
        if m.group(1) in ID_ARGS:
            _known(cat, ID_ARGS[m.group(1)], arg, markdown, m.start(), page)
        return fn(arg) if arg is not None else fn()

    return _CALL.sub(call, markdown)


def _known(cat: Catalog, kind: str, value: str | None, markdown: str, at: int, page: str) -> None:
    name, where, ids_of = KINDS[kind]
    ids = ids_of(cat)
    if value not in ids:
        line, col = markdown.count("\n", 0, at) + 1, at - markdown.rfind("\n", 0, at)
        problem = Problem(
            f"docs/{page}", line, col, RULE, f"no {name} {value!r} in {where}", f"use one of {', '.join(ids)}"
        )
        raise DataError([problem])
