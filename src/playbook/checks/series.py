"""Checker rules on series: every one queried is exposed (ALR007), every label value named is one it takes (ALR010)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from playbook.alerts import promnames
from playbook.alerts.bridge import produced
from playbook.alerts.grafana import queries
from playbook.alerts.promql import missing
from playbook.checks.alerts import _resolved
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.files import DataFile
from playbook.data.suggest import closest
from playbook.errors import DataError

ALERTING_PAGE = "alerting.md"  # its ```promql examples are held to the bridge too
FENCE = re.compile(r"^```\s*(?:promql|\{\s*\.promql\b[^}]*\})\s*$(.*?)^```\s*$", re.M | re.S)


def _field(cat, index: int, series: str) -> tuple:
    """The alerts.yaml field that made `series` part of alert `index`: its metric, or a `per` entry."""
    al = cat.alerts.alerts[index]
    for path, ref in [(("metric",), al.metric), *((("per", j), s) for j, s in enumerate(al.per))]:
        names = [n for x in promnames.expand(cat.data.metrics, ref.metric) for n in promnames.prom_names(x)]
        if any(series.startswith(n.removesuffix("_bucket")) for n in names):
            return ("alerts", index, *path)
    return ("alerts", index)


def promql_blocks(text: str) -> Iterator[tuple[int, str]]:
    """(line of its first expression, expression) of every non-blank line of every ```promql fence."""
    for m in FENCE.finditer(text):
        first = text.count("\n", 0, m.start(1)) + 1
        for n, line in enumerate(m.group(1).split("\n")):
            if line.strip() and not line.lstrip().startswith("#"):
                yield first + n, line.strip()


@rule(
    "ALR007",
    "error",
    "Every series a rule, the dashboard or the Alerting page queries is one the metrics bridge exposes",
    "A rule over a series nobody exposes never fires: the outage it watches for pages no one",
    "query the catalog metric's Prometheus name with the labels its `labels:` in catalog.yaml give "
    "(or give the metric that label)",
)
def series_exposed(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    have = produced(cat.data.metrics)
    for a in _resolved(cat):
        for why in missing(a.expr, have):
            yield report(F.ALERTS, _field(cat, a.index, why.split(" ", 1)[0]), f"{a.name}: {why}")
    window = cat.alerts.window
    for s, section in enumerate(cat.dashboard.panels):
        for i, item in enumerate(section.items):
            at = ("panels", s, "items", i)
            try:
                qs = queries(cat, item, window, at)
            except DataError:
                continue  # DASH001: a metric not in the catalog
            for _, expr in qs:
                for why in missing(expr, have):
                    label = item.by and f"no label {item.by} " in why
                    yield report(F.DASHBOARD, (*at, "by" if label else "metrics"), f"{item.text}: {why}")
    page = cat.project.docs / ALERTING_PAGE
    if page.is_file():
        for line, expr in promql_blocks(page.read_text(encoding="utf-8")):
            for why in missing(expr, have):
                yield report.at(cat.rel(page), line, 1, f"`{expr}`: {why}")


def _named_values(cat) -> Iterator[tuple[DataFile, tuple, str, str, str]]:
    """(file, path, metric, label, value) of every label value the data names: the alerts' matchers, and each
    endpoint's category (a value of http.requests's category label)."""
    for i, al in enumerate(cat.alerts.alerts):
        for path, ref in [(("metric",), al.metric), *((("per", j), s) for j, s in enumerate(al.per))]:
            for x in promnames.expand(cat.data.metrics, ref.metric):
                for label, value in ref.match.items():
                    yield F.ALERTS, ("alerts", i, *path, "match", label), x.name, label, value
    for i, ep in enumerate(cat.data.endpoints):
        if ep.category is not None:
            yield F.CATALOG, ("endpoints", i, "category"), CATEGORY[0], CATEGORY[1], ep.category


CATEGORY = ("http.requests", "category")  # the label an endpoint's category is a value of


@rule(
    "ALR010",
    "error",
    "Every label value the data names (an alert's match:, an endpoint's category) is one the label takes",
    "Label values match exactly: a matcher on status_class 5XX selects no series when the series carry 5xx, and "
    "the alert built on it never fires",
    "write one of the values catalog.yaml gives the metric's label (its `labels:`), or add the value there",
)
def label_values_taken(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    seen, metrics = set(), {m.name: m for m in cat.data.metrics}
    for file, path, metric, label, value in _named_values(cat):
        takes = cat.data.label_values(metric, label)
        # a label the metric lacks is ALR007's (no such series); a label that takes any value takes this one
        if takes is None or label not in metrics[metric].labels or value in takes or (file, path) in seen:
            continue
        seen.add((file, path))
        guess = closest(value, takes)
        hint = f"did you mean {guess}? " if guess else ""
        message = f"{label}={value!r}: {metric}'s {label} takes {', '.join(takes)}"
        yield report(file, path, message, hint + report.rule.fix)
