"""Checker rule LOG001: a metric's, a log field's and a signal's unit, said in several places, is one unit."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.restated import by_list, listed_values, named_labels
from playbook.data import files as F
from playbook.data import quantities as Q
from playbook.data.walk import runbooks

# A comparison of a log field with a templated duration: `.context.duration > {{ seconds(x) * 1000 }}`
_COMPARED = re.compile(
    r"\.(?P<path>[\w.]+)\s*(?:[<>]=?|==|!=)\s*\{\{\s*(?P<fn>seconds|minutes)\([^{}]*?\)\s*(?:(?P<op>[*/])\s*(?P<k>[\d.e]+))?\s*\}\}"
)
_FN_SIZE = {"seconds": 1.0, "minutes": 60.0}
_INSIDE = re.compile(r"\b(?:seconds|minutes)\([^{}]*[*/]\s*[\d.e]+\s*\)\s*\}\}")  # arithmetic inside the call


def query_units(code: str) -> list[tuple[str, float, str]]:
    """(field path, the size of the unit the code compares it in, seconds, as written) of each comparison of a log
    field with a duration of the data: `* 1000` after `seconds()` compares milliseconds."""
    out = []
    for m in _COMPARED.finditer(code or ""):
        size = _FN_SIZE[m["fn"]]
        if m["op"]:
            k = float(m["k"])
            size = size / k if m["op"] == "*" else size * k
        out.append((m["path"], size, m.group(0)))
    return out


def _named(size: float) -> bool:
    return any(d == "time" and abs(s - size) < 1e-12 for d, s in Q.UNITS.values())


def _name(size: float) -> str:
    return next((u for u, (d, s) in Q.UNITS.items() if d == "time" and abs(s - size) < 1e-12), f"{size:g} s")


def thresholds(cat, signal: str) -> list[float]:
    """The numbers the severity ladder compares a signal with (values and upper bounds), in order."""
    conds = [c for lv in cat.severities.levels for c in lv.conditions if c.signal == signal]
    found = {
        float(v) for c in conds for v in (c.value, c.upto) if isinstance(v, int | float) and not isinstance(v, bool)
    }
    return sorted(found)


def _within_whole(values: list[float], unit: tuple[str, float]) -> bool:
    """Whether every value, read in a unit of share, is at most the whole (100%, a ratio's 1); False for no values
    or a unit that is no share (a duration has no whole)."""
    return bool(values) and unit[0] == "share" and all(v * unit[1] <= 1 for v in values)


@rule(
    "LOG001",
    "error",
    "a metric's or log field's help says what the data holds: its unit (the unit:, the unit the queries read it in), "
    "and the labels it is by, with their values; a signal's unit is its id's and its metric's (a share's thresholds "
    "past 1 are in %, never a ratio), and a query reads a log field in a unit of time (`* 100` after seconds(): none)",
    "The help is what the next person writing a query or a threshold reads: a duration whose help says seconds when "
    "the log, the metric and the saved queries count milliseconds makes every new query a thousand times off.",
    "make the help's unit the field's unit (or the unit: and the queries the help's)",
)
def help_states_its_unit(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    # a metric: its help's unit and its unit: field (same dimension only: "calls" and "ms" say nothing of each other)
    for i, metric in enumerate(cat.data.metrics):
        said, own = Q.stated_unit(metric.help), Q.unit(metric.unit)
        if said and own and said[1][0] == own[0] and said[1][1] != own[1]:
            msg = f"the help says {said[0]!r}, but the metric's unit is {metric.unit}"
            yield report(F.CATALOG, ("metrics", i, "help"), msg, needle=said[0])
    # a signal: its unit:, the unit its id names (avg_query_ms) and its metric's unit: one unit, written three times
    metrics = {x.name: (k, x) for k, x in enumerate(cat.data.metrics)}
    for i, sig in enumerate(cat.severities.signals):
        own = Q.unit(sig.unit)
        named = [u for w in sig.id.split("_") if (u := Q.unit(w)) and len(w) > 1]
        k, metric = metrics.get(sig.metric or "", (None, None))
        theirs = Q.unit(metric.unit) if metric else None
        if own and named and named[-1][0] == own[0] and named[-1][1] != own[1]:
            yield report(
                F.SEVERITIES, ("signals", i, "unit"), f"{sig.id} names its unit in its id, but unit: {sig.unit}"
            )
        elif own and theirs and own[0] == theirs[0] and own[1] != theirs[1]:
            # the id agrees with the signal, or its thresholds are shares only its unit can hold: the metric's moved
            limits = thresholds(cat, sig.id)
            fits = _within_whole(limits, own) and not _within_whole(limits, theirs)
            at_metric = (bool(named) and named[-1] == own) or fits
            msg = f"{sig.id}'s unit is {sig.unit}, but its metric {metric.name}'s unit is {metric.unit}"
            if fits:
                said = ", ".join(f"{v:g}" for v in limits)
                msg += (
                    f": the ladder's thresholds ({said} {sig.unit}) are past the whole in {metric.unit}, never reached"
                )
            where = (F.CATALOG, ("metrics", k, "unit")) if at_metric else (F.SEVERITIES, ("signals", i, "unit"))
            hint = f"make the metric's unit: {sig.unit}, the unit its thresholds are in" if fits else ""
            yield report(*where, msg, hint)
    # a metric: the labels its help says it is "by" are its labels, with the values the help lists
    vocab = {label for x in cat.data.metrics for label in x.labels}
    vocab |= {item.by for panel in cat.dashboard.panels for item in panel.items if item.by}
    for i, metric in enumerate(cat.data.metrics):
        where, segs = ("metrics", i, "help"), by_list(metric.help)
        named: set[str] = set()
        for seg, values in segs:
            said = named_labels(seg, vocab)
            named |= said
            if said and not said & set(metric.labels):
                msg = f"the help says it is by {seg!r}, but {metric.name} has no label {', '.join(sorted(said))}"
                yield report(F.CATALOG, where, msg)
            for label in said & set(metric.labels):
                if why := listed_values(metric.labels, label, values):
                    yield report(F.CATALOG, where, f"{metric.name}'s help: {why}")
        if segs and (unsaid := set(metric.labels) - named_labels(metric.help, set(metric.labels))):
            msg = f"{metric.name} is by {', '.join(sorted(unsaid))} too, which its help (by …) does not say"
            yield report(F.CATALOG, where, msg)
    # a log field: its help's unit and the unit every query that compares it with a duration of the data reads it in
    # (the code as written: the load renders the templates, and the unit lives in the template's arithmetic)
    read: dict[str, list[tuple[str, int, float, str]]] = {}
    for file in sorted({file for file, _ in runbooks(cat)}):
        for n, line in enumerate(report.lines(file), 1):
            for field, size, text in query_units(line):
                read.setdefault(field, []).append((file, n, size, text))
    for i, field in enumerate(cat.data.log_format.fields):
        said, uses = Q.stated_unit(field.help), read.get(field.path, [])
        if not said or said[1][0] != "time" or not uses:
            continue
        wrong = [u for u in uses if abs(u[2] - said[1][1]) > 1e-12]
        if not wrong:
            continue
        # at the query: the odd query out when the help agrees with others, and any query whose arithmetic reads the
        # field in no unit of time at all (`* 100` after seconds(): hundredths of a second, which no log counts in)
        odd = len(wrong) < len(uses)
        for file, n, size, text in wrong:
            if _INSIDE.search(text):  # `seconds(x * 1000)`: the unit's arithmetic moved inside the call (set 25's M49)
                msg = f"{text!r} multiplies the duration's text inside the call, not its number: it reads "
                msg += f"{field.path} in {_name(size)}; its help says {said[0]}"
            elif odd:
                msg = f"{text!r} reads {field.path} in {_name(size)}, but its help and the other queries say {said[0]}"
            elif not _named(size):
                msg = f"{text!r} reads {field.path} in {_name(size)}, which is no unit of time; its help says {said[0]}"
            else:
                continue
            fn = _COMPARED.search(text)["fn"]
            hint = (
                f"compare in {said[0]}: {fn}(…) * {_FN_SIZE[fn] / said[1][1]:g}, or make the help say the query's unit"
            )
            yield report.at(file, n, report.lines(file)[n - 1].index(text) + 1, msg, hint)
        rest = [] if odd else [u for u in wrong if _named(u[2]) and not _INSIDE.search(u[3])]
        if rest:
            sizes = ", ".join(sorted({_name(u[2]) for u in rest}))
            msg = f"the help says {field.path} is in {said[0]!r}, but the queries that read it compare it in {sizes}"
            yield report(F.CATALOG, ("log_format", "fields", i, "help"), msg, needle=said[0])
