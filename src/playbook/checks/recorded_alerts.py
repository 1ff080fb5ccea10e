"""Checker rule ALR019: an alert's `for:` agrees with its recorded drill, which saw it fire no sooner than it holds."""

from __future__ import annotations

from playbook.alerts.prometheus import alert_name
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.durations import seconds
from playbook.data.recorded import load_recorded


def recorded_firings(cat) -> dict[str, float]:
    """The earliest time, in alert time (seconds × the drill's time_factor), each alert was recorded to fire in the
    last end-to-end alert drills (data/alert_drill_results.yaml); none when never recorded (DataError, located, when
    the file is unusable: `check` reads it first)."""
    results = load_recorded(cat.project.data / F.ALERT_DRILL_RESULTS.name, F.ALERT_DRILL_RESULTS.model)
    if results is None:
        return {}
    out: dict[str, float] = {}
    for run in results.runs:
        for a in run.alerts:
            if a.fired_after_s is not None:
                at = a.fired_after_s * results.time_factor
                out[a.alert] = min(out.get(a.alert, at), at)
    return out


@rule(
    "ALR019",
    "error",
    "an alert's `for:` is no longer than the time its recorded drill saw it fire after the fault",
    "Prometheus fires an alert only once its condition has held for `for:`: the recorded end-to-end drill that saw "
    "DatabaseNotReady fire about 170 s (alert time) after the fault cannot be of an alert that must hold for 3 "
    "minutes. The drills page shows that record as proof the alert works; with `for:` raised past it, the page "
    "proves an alert the data no longer defines, and the SEV-1 page comes later than the recorded one.",
    "keep `for:` within the recorded time, or re-run the alert drills (playbook drill --all --alerts --record) and "
    "commit what they record",
)
def for_within_the_recorded_firing(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    fired = recorded_firings(cat)
    for i, al in enumerate(cat.alerts.alerts):
        name = alert_name(al.title)
        if name in fired and seconds(al.for_) > fired[name]:
            message = f"{name} must hold for {al.for_}, but its recorded drill saw it fire after {fired[name]:.0f} s"
            yield report(F.ALERTS, ("alerts", i, "for"), message)
