"""Checker rule on a dashboard row's text against its metrics: each metric it plots is one its title speaks of."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.implied_levels import words
from playbook.data import files as F

# Words of a row's title that name no metric: how it is shown, not what
_STOP = {"by", "per", "the", "of", "a", "an", "rate", "total", "top", "breakdown", "grouped", "overall", "last", "ep",
         "second", "minute", "distribution", "status", "p50", "p95", "p99", "avg", "and", "or", "in"}  # fmt: skip
_TEMPLATE = re.compile(r"\{\{|\}\}|[`()%/,]")


def metric_words(metric) -> set[str]:
    """The words that name a metric in a title: its name's parts, its help's, its labels'."""
    said = " ".join([metric.name.replace(".", " ").replace("_", " "), metric.help or "", *metric.labels])
    return words(said.replace("_", " ")) - _STOP


def title_words(text: str) -> set[str]:
    return words(_TEMPLATE.sub(" ", text).replace(".", " ").replace("_", " ")) - _STOP


@rule(
    "CAT027",
    "error",
    "each metric a dashboard row plots (its first, for a ratio) is one the row's text speaks of (a word of its name, "
    "help or labels), when another metric of the catalog is",
    "The row's text is the panel's title: 'Database errors' plotting the connection pool, or 'Token refresh rate' "
    "plotting failed sign-ins, shows the responder a curve under a name it is not, and they read the wrong signal.",
    "plot the metric the text names (catalog.yaml), or title the row for the metric it plots",
)
def row_text_names_its_metrics(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    catalog = {x.name: x for x in cat.data.metrics}
    for i, panel in enumerate(cat.dashboard.panels):
        for j, item in enumerate(panel.items):
            said = title_words(item.text)
            plotted = [name for name in item.metrics if name in catalog]
            for k, name in enumerate(plotted[:1] if getattr(item, "ratio", False) else plotted):
                if metric_words(catalog[name]) & said:
                    continue
                others = [x.name for x in cat.data.metrics if x.name not in item.metrics and metric_words(x) & said]
                if others:
                    message = f"{item.text!r} plots {name}, which it does not name; it names {', '.join(others[:3])}"
                    yield report(F.DASHBOARD, ("panels", i, "items", j, "metrics", k), message, needle=name)
