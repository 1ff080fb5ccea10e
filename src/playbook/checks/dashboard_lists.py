"""Checker rules on a dashboard row's words: the series it lists are those it plots (DASH006), its unit its kind's
(DASH007)."""

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


_PER_TIME = re.compile(r"(?i)\bper\s+(?:second|sec|minute|min|hour)\b|/\s*(?:s|sec|min|h)\b")
_SHARE = re.compile(r"\(\s*%\s*\)|\bpercent(?:age)?\b")


@rule(
    "DASH007",
    "error",
    "a dashboard row's words say the unit it plots: a ratio row (ratio: true) a share, never a count per second; a "
    "row said in % plots a ratio or a metric counted in %",
    "A ratio row plots one counter over another: 0.02 is two hits in a hundred requests. Titled 'hits per second', "
    "the Monitoring page and the Grafana panel promise a rate while showing a fraction; a row titled '(%)' over a "
    "plain counter shows thousands where the reader looks for a percentage.",
    "say the row's unit as it is plotted: '(%)' or 'share' for a ratio, 'per second' for a counter's rate",
)
def row_says_its_unit(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    units = {m.name: m.unit for m in cat.data.metrics}
    for i, panel in enumerate(cat.dashboard.panels):
        for j, item in enumerate(panel.items):
            text = item.text or ""
            if item.ratio and (m := _PER_TIME.search(text)):
                message = (
                    f"a ratio row (ratio: true, {' over '.join(item.metrics)}) titled {m.group(0)!r}: it plots a share"
                )
                yield report(F.DASHBOARD, ("panels", i, "items", j, "text"), message, needle=m.group(0))
            elif not item.ratio and (m := _SHARE.search(text)) and not any(units.get(x) == "%" for x in item.metrics):
                message = f"the row says {m.group(0)!r}, but plots {', '.join(item.metrics)}, no ratio and not in %"
                yield report(F.DASHBOARD, ("panels", i, "items", j, "text"), message, needle=m.group(0))
