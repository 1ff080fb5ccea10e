"""Checker rule on the router's grouping: a router that waits for a burst groups by labels, not by all (ALR014)."""

from __future__ import annotations

from playbook.alerts.prometheus import rule_labels
from playbook.checks.alerts import _resolved
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.durations import seconds

# Alertmanager's group_by value for "every label": each distinct label set (each series of each alert: its instance,
# job and the rule's own labels) is a group of its own, which is no grouping at all.
ALL_LABELS = "..."


@rule(
    "ALR014",
    "error",
    "the router that waits for a burst (group_wait, group_interval) groups by named labels, not by every label ('...')",
    "group_wait holds a new group's first notification so that the alerts of a burst arrive as one page, and "
    "group_interval batches what a group gains later. Both act on groups: grouped by '...' (every label), each "
    "series of each alert is its own group, so every alert of a burst pages on its own and the two timings, and the "
    "decision that set them, promise a grouping that never happens.",
    "group by the labels a burst shares: alertname and the rules' own labels",
)
def grouped_for_bursts(ctx: CheckContext, report: Reporter):
    router = ctx.catalog.alerts.router
    if ALL_LABELS not in router.group_by or not (seconds(router.group_wait) or seconds(router.group_interval)):
        return
    i = router.group_by.index(ALL_LABELS)
    alerts = _resolved(ctx.catalog)
    labels = ["alertname", *sorted({k for a in alerts for k in rule_labels(a)})]
    message = (
        f"group_by {ALL_LABELS!r} makes every label set its own group, so no burst is grouped, while the router "
        f"waits {router.group_wait} (group_wait) and {router.group_interval} (group_interval) to group one"
    )
    yield report(F.ALERTS, ("router", "group_by", i), message, f"name labels of {', '.join(labels)}")
