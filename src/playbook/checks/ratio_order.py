"""Checker rule on a ratio panel's order: the metric the data divides (an alert's, a signal's) comes first (DASH004)."""

from __future__ import annotations

from playbook.alerts.promnames import expand
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F


def _names(cat, pattern: str) -> frozenset[str]:
    return frozenset(x.name for x in expand(cat.data.metrics, pattern))


def divided(cat) -> list[tuple[frozenset[str], frozenset[str], str]]:
    """(numerator metrics, denominator metrics, who divides them) of each ratio the data computes: each ratio alert's
    metric over its per:."""
    out = []
    for a in cat.alerts.alerts:
        if a.measure == "ratio" and a.per:
            den = frozenset().union(*(_names(cat, s.metric) for s in a.per))
            out.append((_names(cat, a.metric.metric), den, f"the alert {a.title!r}"))
    return out


@rule(
    "DASH004",
    "error",
    "a ratio panel divides its metrics in the order the data's ratios do: an alert's metric over its per:, a signal's "
    "metric (the panel titled by its name) first",
    "A ratio plots its first metric over the others. Swapped, the panel titled AI error rate shows calls per error: "
    "infinite while nothing fails and 125% at the 80% that declares SEV-2, upside down against the alert and the "
    "severity ladder that read the same two counters the other way up.",
    "put the metric the alert (or the signal) counts first and its denominator after it",
)
def ratio_in_order(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    ratios = divided(cat)
    signals = {s.name.lower(): s for s in cat.severities.signals if s.metric}
    for i, panel in enumerate(cat.dashboard.panels):
        for j, item in enumerate(panel.items):
            if not item.ratio or len(item.metrics) < 2:
                continue
            num = _names(cat, item.metrics[0])
            den = frozenset().union(*(_names(cat, m) for m in item.metrics[1:]))
            why = next((w for n, d, w in ratios if num and num <= d and den & n), None)
            signal = signals.get(item.text.strip().lower())
            if why is None and signal and signal.metric in den and signal.metric not in num:
                why = f"the signal {signal.id!r} (its metric {signal.metric})"
            if why is None:
                continue
            message = (
                f"{item.text!r} divides {item.metrics[0]} by {', '.join(item.metrics[1:])}, the other way up from {why}"
            )
            yield report(F.DASHBOARD, ("panels", i, "items", j, "metrics"), message)
