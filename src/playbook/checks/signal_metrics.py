"""Checker rule CAT020: a severity signal's metric is of a kind that can give the signal's unit (a share, a time)."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data import quantities as Q


def cannot_give(signal_unit: str, metric_type: str, metric_unit: str) -> str | None:
    """Why a metric of this type and unit cannot give a signal in `signal_unit`; None when it can (or when the
    signal's unit is no share or time: a multiple of a baseline, a yes/no judgement, take any metric).
    A share comes from a metric in a share, or from a counter (its events over the requests or calls: a rate);
    a gauge or histogram of a count (users, connections) is a level, never a share. A time comes from a time."""
    own, theirs = Q.unit(signal_unit), Q.unit(metric_unit)
    if own is None or own[0] not in ("share", "time"):
        return None
    if theirs and theirs[0] == own[0]:
        return None  # the same kind of quantity (LOG001 compares their sizes)
    if own[0] == "share" and metric_type == "counter":
        return None
    if own[0] == "share":
        return f"a {metric_type} in {metric_unit}, a level, not a share of anything"
    return f"a {metric_type} in {metric_unit}, not a time"


@rule(
    "CAT020",
    "error",
    "a severity signal's metric (catalog.yaml) can give the signal's unit: a share (%) from a metric in % or a "
    "counter (a rate of its events) when no metric named after the signal holds the share, a time from a metric "
    "in a unit of time",
    "The metric is what `playbook incident` and the Severities page read the signal from, and the ladder compares "
    "its value with thresholds in the signal's unit: a share of users affected read from a gauge of active users "
    "makes 230 users 230%, far past SEV-2's 5%, and says nothing of how many are affected.",
    "name a metric that measures the signal's quantity, or leave metric: out (the signal is judged by hand)",
)
def signal_metric_gives_its_unit(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    metrics = {x.name: x for x in cat.data.metrics}
    for i, sig in enumerate(cat.severities.signals):
        metric = metrics.get(sig.metric or "")
        if metric is None:
            continue  # an unknown metric is REF's
        if why := cannot_give(sig.unit, metric.type, metric.unit):
            msg = f"{sig.id} is {sig.name!r} in {sig.unit}, but its metric {metric.name} is {why}"
            yield report(F.SEVERITIES, ("signals", i, "metric"), msg)
        elif own := own_metric(cat.data.metrics, sig.id, sig.unit, metric):
            msg = (
                f"{sig.id} is {sig.name!r} in {sig.unit}, but its metric {metric.name} is a {metric.type} in "
                f"{metric.unit}, while {own.name} measures it in {own.unit}"
            )
            yield report(F.SEVERITIES, ("signals", i, "metric"), msg, f"did you mean metric: {own.name}?")


def own_metric(metrics, signal_id: str, signal_unit: str, metric):
    """The catalog metric named after the signal (its id the last part of the name: http.requests.error_rate for
    error_rate) in the signal's own unit, when the signal reads another metric in another unit (a counter of
    errors); None otherwise. A counter gives a share only where no metric holds the share itself."""
    if metric.unit == signal_unit:
        return None
    return next((x for x in metrics if x.name.split(".")[-1] == signal_id and x.unit == signal_unit), None)
