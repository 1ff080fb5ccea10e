"""Checker rule on an alert's `for:` shorter than the interval Prometheus evaluates its rules at (ALR018)."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.durations import seconds
from playbook.errors import DataError

# The published Prometheus setup (the metrics bridge's page) sets no evaluation_interval, so Prometheus evaluates the
# generated rules at its default, every minute; the alert drills evaluate every second with each `for:` divided by
# their time factor (60): the same minute. A `for:` below it is met at the first evaluation over the threshold.
EVALUATION_S = 60


@rule(
    "ALR018",
    "error",
    "an alert's for: is at least the interval Prometheus evaluates its rules at (1m): no `for: 5s`",
    "Prometheus checks a rule once per evaluation interval (1m by default, which the published setup keeps; the "
    "alert drills' 1 s at time factor 60 is the same minute): a `for:` shorter than that holds for no time, so the "
    "alert pages on the first evaluation over its threshold, and one burst (a few mistyped passwords, the runbook's "
    "own test requests) pages the on-call. It is `m` typed as `s` or a digit dropped, most of the time.",
    "write the hold in minutes, as every other alert does (for: 5m)",
)
def holds_an_evaluation(ctx: CheckContext, report: Reporter):
    for i, alert in enumerate(ctx.catalog.alerts.alerts):
        try:
            held = seconds(alert.for_)
        except (DataError, ValueError, TypeError):
            continue
        if held < EVALUATION_S:
            message = (
                f"{alert.title}: for: {alert.for_} is shorter than Prometheus's evaluation interval (1m): the alert "
                "pages at the first evaluation over its threshold, without holding"
            )
            yield report(F.ALERTS, ("alerts", i, "for"), message)
