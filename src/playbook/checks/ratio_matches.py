"""Checker rule on a ratio alert's denominator: its label match agrees with what its numerator counts (ALR015)."""

from __future__ import annotations

import re

from playbook.alerts.promnames import expand
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F


def _counted(cat, alert, label: str, values: list[str]) -> str | None:
    """The value of `label` the alert's numerator counts: its own match on the label, or the one value of the label
    every numerator metric is named by (write.*.error counts writes), or the category of the endpoint it matches."""
    if label in alert.metric.match:
        return alert.metric.match[label]
    names = [x.name for x in expand(cat.data.metrics, alert.metric.metric)]
    said = {v for v in values if names and all(v in re.split(r"[._]", n) for n in names)}
    if label == "category":
        endpoints = {ep.id: ep for ep in cat.data.endpoints}
        said |= {endpoints[v].category for v in alert.metric.match.values() if v in endpoints and endpoints[v].category}
    return next(iter(said)) if len(said) == 1 else None


@rule(
    "ALR015",
    "error",
    "a ratio alert's denominator (per:) matches the label value its numerator counts: failed writes over write "
    "requests, not over reads",
    "A ratio is the failing share of what the numerator counts. A denominator that matches another value of the "
    "same label (category: read under failed writes) divides by traffic the numerator never counts: reads far "
    "outnumber writes, so a total write outage shows as a few percent and never passes the severity threshold the "
    "alert borrows.",
    "match the denominator on the value the numerator counts (its own match, or what its metric names: write.*.error "
    "counts writes), or drop the match",
)
def denominator_matches_numerator(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, a in enumerate(cat.alerts.alerts):
        if a.measure != "ratio" or not a.per:
            continue
        labels = set().union(*(p.match for p in a.per))
        for label in sorted(labels):
            if any(label not in p.match for p in a.per):
                continue  # one series of the denominator counts every value of the label
            values = sorted({v for p in a.per for v in cat.data.label_values(p.metric, label) or []})
            counted = _counted(cat, a, label, values)
            if counted is None or any(p.match[label] == counted for p in a.per):
                continue
            shown = ", ".join(sorted({p.match[label] for p in a.per}))
            message = f"the alert {a.title!r} counts {label} {counted} but divides by {label} {shown}"
            yield report(F.ALERTS, ("alerts", i, "per"), message)
