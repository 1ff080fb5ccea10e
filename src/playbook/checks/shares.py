"""Checker rule on ratios read as shares (an error rate, a hit rate): their whole counts their part."""

from __future__ import annotations

import re

from playbook.alerts.promnames import expand
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F

# What a counter counts, read from its name's last word and its help: the failed outcomes, the good ones, or all
# (no outcome word: requests, invocations). A share of failures is over all the outcomes, or over the failures
# and the rest; over the good outcomes alone it is no share (it passes 100% when half fail).
_BAD = re.compile(r"\b(?:fail\w*|errors?|errored|refused|rejected|denied|hits?|timeouts?|timed out)\b", re.IGNORECASE)
_GOOD = re.compile(r"\b(?:success\w*|succeeded|ok|accepted|allowed|passed|misses)\b", re.IGNORECASE)


def outcome(metric) -> str:
    """ "bad", "good" or "all": the outcomes a counter counts, by its name's last word, else by its help."""
    for text in (metric.name.rsplit(".", 1)[-1].replace("_", " "), metric.help):
        bad, good = bool(_BAD.search(text)), bool(_GOOD.search(text))
        if bad != good:
            return "bad" if bad else "good"
    return "all"


def share_problem(metrics, part: list[str], whole: list[str]) -> str | None:
    """Why part over whole is no share, or None: the whole is the part itself, or holds only the other outcomes."""
    parts = [x for name in part for x in expand(metrics, name)]
    wholes = [x for name in whole for x in expand(metrics, name)]
    if not parts or not wholes:
        return None  # an unknown name: said by the rules on names
    if {x.name for x in wholes} == {x.name for x in parts}:
        return "its whole is its part alone: it reads 100% whatever happens"
    kinds = {outcome(x) for x in parts}
    if "all" in kinds or len(kinds) != 1 or not {x.name for x in parts}.isdisjoint(x.name for x in wholes):
        return None
    others = {outcome(x) for x in wholes}
    if "all" not in others and not (kinds & others):
        (kind,) = kinds
        counted = "the good outcomes" if kind == "bad" else "the failures"
        return f"its whole counts only {counted} ({', '.join(x.name for x in wholes)}): it is no share of all of them"
    return None


@rule(
    "ALR013",
    "error",
    "a ratio read as a share (an alert's metric over per:, a dashboard row with ratio: true) is over a whole that "
    "counts its part",
    "An error rate is failures over all attempts. Over the successes alone it passes 20% when a sixth fail and reads "
    "150% at 60 failures to 40 successes; over the failures alone it reads 100% always: the alert fires at another "
    "threshold than the severity ladder and the decision it borrows the number from say.",
    "make per: (or the row's other metrics) all of the outcomes: the total, or the part and the rest",
)
def ratios_are_shares(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    metrics = cat.data.metrics
    for i, alert in enumerate(cat.alerts.alerts):
        if alert.measure == "ratio" and alert.per:
            why = share_problem(metrics, [alert.metric.metric], [s.metric for s in alert.per])
            if why:
                yield report(F.ALERTS, ("alerts", i, "per"), f"{alert.title}: {why}")
    for i, panel in enumerate(cat.dashboard.panels):
        for j, item in enumerate(panel.items):
            if item.ratio and len(item.metrics) > 1:
                why = share_problem(metrics, item.metrics[:1], item.metrics[1:])
                if why:
                    yield report(F.DASHBOARD, ("panels", i, "items", j, "metrics"), f"{item.text!r}: {why}")
