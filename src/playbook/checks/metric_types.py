"""Checker rule CAT023: a metric's type is the one its own facts give (a probe, a window, a share, a time)."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F

# Units a counter cannot have: a counter only goes up by whole events, so it counts things (requests, notes); a
# level (up), a share (%), a time (ms, s) or a confidence level is a gauge's (now) or a histogram's (per event).
_NOT_COUNTED = {"up", "%", "ms", "s", "min", "level", "x"}
# Units only a gauge has: a level that goes down as well as up, and a share of a whole at one time.
_GAUGE_ONLY = {"up", "%"}


def type_problem(metric) -> tuple[str, str] | None:
    """(the type the metric's own facts give, which fact) when its type is another; None when they agree."""
    if metric.probe and metric.type != "gauge":
        return "gauge", f"probe: {metric.probe} (a probe metric is a gauge the exporter sets to 1 or 0)"
    if metric.window and metric.type != "gauge":
        return "gauge", f"window: {metric.window} (a value over a trailing window is a gauge)"
    if metric.unit in _GAUGE_ONLY and metric.type != "gauge":
        return "gauge", f"unit: {metric.unit} (a level or a share at one time is a gauge)"
    if metric.type == "counter" and metric.unit in _NOT_COUNTED:
        return "gauge or histogram", f"unit: {metric.unit} (a counter counts events; {metric.unit} is no count)"
    return None


@rule(
    "CAT023",
    "error",
    "a metric's type is the one its probe, window and unit give: a probe, a trailing window, a share (%) or an up "
    "level make it a gauge, and a counter's unit is a count (no ms, s, %, up or level)",
    "The type is how the alerts and the dashboard read the metric: a counter is read through rate(), a gauge as it "
    "is, a histogram through its buckets. health.readiness typed as a counter makes `Database Not Ready` alert on "
    "the rate of a 0/1 level (always about 0: it never fires), and a query time typed as a counter sums times as if "
    "they were events.",
    "set type: to what the metric is (gauge for a probe, a window, a share or a level), or correct the unit",
)
def metric_type_of_its_facts(ctx: CheckContext, report: Reporter):
    for k, metric in enumerate(ctx.catalog.data.metrics):
        if (found := type_problem(metric)) is None:
            continue
        should, fact = found
        message = f"{metric.name} is a {metric.type}, but its {fact}: it is a {should}"
        yield report(F.CATALOG, ("metrics", k, "type"), message)
