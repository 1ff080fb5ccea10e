"""Checker rule DASH006: a dashboard row that lists its series ("created/updated/finalized") plots exactly those."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.stems import stem

_LISTED = re.compile(r"\b[a-z]+(?:/[a-z]+)+\b", re.I)  # words joined by slashes: "success/failure"


@rule(
    "DASH006",
    "error",
    "a dashboard row that lists its series with slashes plots exactly the metrics those words name",
    'A row titled "Notes created/updated/finalized" is read as three series; its metrics are what it plots. One '
    "swapped for a sibling (write.note.error for write.note.finalized) plots failures under the name of finalized "
    "notes: a spike of errors reads as a busy afternoon, and the finalized notes are plotted nowhere.",
    "make the row's metrics the ones its words list (a sibling of the same prefix for each word), or its words the "
    "metrics' names",
)
def listed_series_are_plotted(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, panel in enumerate(cat.dashboard.panels):
        for j, item in enumerate(panel.items):
            prefixes = {name.rpartition(".")[0] for name in item.metrics}
            if len(item.metrics) < 2 or len(prefixes) != 1 or not (listed := _LISTED.search(item.text or "")):
                continue  # one series, or metrics of several families (a ratio's numerator and denominator)
            said = {stem(w.lower()): w for w in listed.group(0).split("/")}
            plotted = {stem(name.rpartition(".")[2].lower()): name for name in item.metrics}
            if said.keys() == plotted.keys():
                continue
            extra = [plotted[k] for k in plotted.keys() - said.keys()]
            unsaid = [said[k] for k in said.keys() - plotted.keys()]
            message = f"the row lists {listed.group(0)!r}, but plots {', '.join(item.metrics)}"
            if extra:
                message += f": {', '.join(sorted(extra))} is none of the listed series"
            if unsaid:
                message += f"; {', '.join(sorted(unsaid))} is plotted by no metric"
            yield report(F.DASHBOARD, ("panels", i, "items", j, "metrics"), message)
