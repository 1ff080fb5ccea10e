"""Checker rule on how long an alert takes to page: its rate window's fill, its for: and group_wait, within the ack."""

from __future__ import annotations

from datetime import timedelta

from playbook.alerts.prometheus import Resolved, resolve
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data import quantities as Q
from playbook.data.catalog import Catalog
from playbook.data.durations import compact, seconds
from playbook.errors import DataError


def window_fill(cat: Catalog, a: Resolved) -> float:
    """Seconds a total outage (every request failing, from a healthy start) takes to lift a ratio alert's share over
    its threshold: the share over the rate window grows from 0 to 100% as the window fills, so a threshold of 50%
    is crossed half a window in. 0 for an alert that is no rising share (a mean, a down probe, a unit not a share)."""
    al = cat.alerts.alerts[a.index]
    unit = Q.unit(a.unit)
    if al.measure != "ratio" or a.op not in (">", ">=") or unit is None or unit[0] != "share":
        return 0.0
    return min(max(a.threshold * unit[1], 0.0), 1.0) * seconds(cat.alerts.window)


def _span(s: float) -> str:
    return compact(timedelta(seconds=s)) + (f"{int(s % 60)}s" if s % 60 else "") or "0s"


@rule(
    "ALR008",
    "error",
    "An alert that pages does so within its level's acknowledge time, counting the time a total outage takes to "
    "fill its rate window up to its threshold",
    "An alert pages once its condition has held for `for:` and the router's group_wait has passed; a ratio alert's "
    "condition holds only once the outage fills enough of the rate window (half of it for a 50% threshold). When "
    "these add up past the level's `ack`, the acknowledge SLA is missed before anyone is paged",
    "shorten the alert's for:, the rate window (window: in alerts.yaml) or the router's group_wait so that together "
    "they stay within the level's ack in severities.yaml",
)
def pages_within_ack(ctx: CheckContext, report: Reporter):
    # Reported at the term that alone takes the whole ack: the router's group_wait (shared by every alert), or the rate
    # window's fill (shared by every ratio alert: once it takes one alert's whole ack, each ratio alert it makes late is
    # reported there too); else at the alert's own for:, the one term of the sum that is the alert's.
    cat = ctx.catalog
    try:
        alerts = resolve(cat)
    except DataError:
        return  # ALR004 reports the broken references
    wait = cat.alerts.router.group_wait
    late = []
    for a in alerts:
        ack, fill = seconds(cat.level(a.severity).ack), window_fill(cat, a)
        if a.paged and fill + seconds(a.for_) + seconds(wait) > ack:
            late.append((a, ack, fill))
    window_late = any(fill >= ack for _, ack, fill in late)
    for a, ack, fill in late:
        first = _span(fill + seconds(a.for_) + seconds(wait))
        filled = (
            f"it fills {a.threshold:g}{a.unit} of the {cat.alerts.window} rate window after {_span(fill)}, "
            if fill
            else ""
        )
        message = f"{a.name} ({a.severity}) first pages {first} into a total outage: {filled}"
        message += f"then for: {a.for_} and group_wait: {wait} pass, past its ack of {cat.level(a.severity).ack}"
        if seconds(wait) > ack:
            yield report(F.ALERTS, ("router", "group_wait"), message)
        elif window_late and fill:
            hint = "shorten the rate window (window: in alerts.yaml): filling it to a threshold alone takes an ack"
            yield report(F.ALERTS, ("window",), message, hint)
        else:
            yield report(F.ALERTS, ("alerts", a.index, "for"), message)
