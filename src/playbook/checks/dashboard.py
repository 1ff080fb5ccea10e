"""Checker rules on the dashboard's panels: what a panel's text says it plots (statistics, a unit) is what it plots."""

from __future__ import annotations

import re

from playbook.alerts.promnames import expand
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data import quantities as Q

_PERCENTILE = re.compile(r"(?<![\w.])p(\d{1,2}(?:\.\d+)?)\b", re.IGNORECASE)  # P95, p99, P99.9
_AVERAGE = re.compile(r"\b(?:avg|average|mean)\b", re.IGNORECASE)


def said_statistics(text: str) -> set[str]:
    """The statistics a panel's text names: `p95`, `p99.9`, `avg`."""
    out = {f"p{float(m.group(1)):g}" for m in _PERCENTILE.finditer(text)}
    return out | ({"avg"} if _AVERAGE.search(text) else set())


def _shown(stats: set[str]) -> str:
    """`avg, p95, p99`: the average first, then the percentiles in order."""
    return ", ".join(sorted(stats, key=lambda x: -1.0 if x == "avg" else float(x[1:]))) or "nothing"


@rule(
    "DASH001",
    "error",
    "a histogram panel whose text names statistics (avg, P95, P99) plots exactly those: its mean: and quantiles:",
    "The panel's text is its title on the site and in Grafana; a panel titled 'avg, P95, P99' that plots P50 and "
    "P99 tells the responder the 95th percentile is fine when nobody is drawing it.",
    "make the panel's quantiles: (and mean:) what its text names, or the text what they plot",
)
def panel_statistics(ctx: CheckContext, report: Reporter):
    # Reported at quantiles: when the item writes it (the field an editor retypes; in a flow mapping it shares the
    # text's line), else at the item's text.
    cat = ctx.catalog
    for i, panel in enumerate(cat.dashboard.panels):
        for j, item in enumerate(panel.items):
            said = said_statistics(item.text)
            if not said or not any(x.type == "histogram" for m in item.metrics for x in expand(cat.data.metrics, m)):
                continue
            plotted = {f"p{q * 100:g}" for q in item.plotted_quantiles} | ({"avg"} if item.mean else set())
            if said == plotted:
                continue
            message = f"the panel's text names {_shown(said)}, but it plots {_shown(plotted)}"
            field = "quantiles" if item.quantiles else "text"
            yield report(F.DASHBOARD, ("panels", i, "items", j, field), f"{item.text!r}: {message}")


def _plotted(cat, item) -> tuple[str, list[str]]:
    """(the dimension a row plots: share for a ratio or metrics counted in %, else their units' dimension, "" when
    they are counts of things, the metrics with their units as said)."""
    metrics = [x for name in item.metrics for x in expand(cat.data.metrics, name)]
    said = [f"{x.name} ({x.unit})" for x in metrics]
    if item.ratio:
        return "share", said
    dims = {u[0] if (u := Q.unit(x.unit)) else "" for x in metrics}
    return (dims.pop() if len(dims) == 1 else ""), said


@rule(
    "DASH003",
    "error",
    "a dashboard row whose text names a unit ('(%)', 'in ms') plots values of that kind: a share is a ratio: true row "
    "(or a metric counted in %), a duration a metric counted in time",
    "The row's text is the panel's title on the site and in Grafana: a row titled 'hit rate (%)' without ratio: true "
    "draws its metrics as raw counts, so the share the responder is told to judge is nowhere on the dashboard.",
    "add ratio: true (the first metric over the others) for a share, or make the text name what the row plots",
)
def row_plots_its_unit(ctx: CheckContext, report: Reporter):
    # A share said of a row that plots no share: the row lost its ratio: (reported at its text, its line in a flow
    # mapping); a ratio row whose text names a unit of another kind: at ratio:. Sizes within one kind are LOG001's.
    cat = ctx.catalog
    for i, panel in enumerate(cat.dashboard.panels):
        for j, item in enumerate(panel.items):
            stated = Q.stated_unit(item.text)
            if stated is None:
                continue
            word, (dim, _) = stated
            plotted, said = _plotted(cat, item)
            where = ("panels", i, "items", j)
            if dim == "share" and plotted != "share":
                message = f"{item.text!r} says {word}, but the row plots {', '.join(said)} as they are, no share"
                yield report(F.DASHBOARD, (*where, "text"), message, needle=word)
            elif dim != "share" and item.ratio:
                message = f"{item.text!r} says {word}, but ratio: true plots a share (%) of {item.metrics[0]}"
                yield report(F.DASHBOARD, (*where, "ratio"), message)


@rule(
    "DASH005",
    "error",
    "a dashboard row whose text names statistics (avg, P95, P99) or that sets quantiles: or mean: plots a histogram",
    "Percentiles and an average per event are read from a histogram's buckets, sum and count: a row titled 'P50, P95, "
    "P99 response times' that plots a counter (auth.signin.success) or a gauge (health.readiness) draws no percentile "
    "at all, and quantiles: on it are ignored, so the responder reads a flat line as the response time.",
    "make the row plot the histogram its text and quantiles: name, or drop the statistics from it",
)
def statistics_of_a_histogram(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, panel in enumerate(cat.dashboard.panels):
        for j, item in enumerate(panel.items):
            said = said_statistics(item.text)
            if not (said or item.quantiles or item.mean):
                continue
            metrics = [x for m in item.metrics for x in expand(cat.data.metrics, m)]
            if not metrics or any(x.type == "histogram" for x in metrics):
                continue
            what = ", ".join(f"{x.name} ({x.type})" for x in metrics)
            asks = _shown(said) if said else "quantiles" if item.quantiles else "an average"
            message = f"{item.text!r} asks for {asks}, but plots no histogram: {what}"
            yield report(F.DASHBOARD, ("panels", i, "items", j, "metrics"), message)
