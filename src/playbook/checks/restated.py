"""Checker rules on facts the data states twice, in prose and in a field: the prose read back must agree."""

from __future__ import annotations

import re

from playbook.alerts.promnames import expand
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data import quantities as Q
from playbook.data.walk import runbooks

_TOP = re.compile(r"\btop\s+(\d+)\b", re.IGNORECASE)
_GROUPING = re.compile(r"\b(?:by|per|each)\s+((?:[a-z0-9_-]+\s+){0,1}[a-z0-9_-]+)", re.IGNORECASE)


def _label_words(label: str) -> set[str]:
    """The words that name a label in prose: its name (`status_class`) or its first word (`status`)."""
    parts = [Q.stem(p) for p in label.split("_") if p]
    return {Q.stem(label.replace("_", "")), *parts[:1]}


def named_labels(text: str, labels: set[str]) -> set[str]:
    """The labels (of `labels`) the text names: "Top rate limited IPs" names `ip`, "status code" `status_class`."""
    said = Q.words(text)
    return {label for label in labels if _label_words(label) & said}


_BY = re.compile(r"\bby\s+(?P<list>[^.;]+)", re.IGNORECASE)
_LISTED = re.compile(r"\(([^()]*)\)")
_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def by_list(text: str) -> list[tuple[str, list[str]]]:
    """(the words, the values listed in brackets after them) of each item of the text's "by …" lists:
    "by endpoint category (auth, read, write, ai) and status code" -> [("endpoint category", [auth, …]),
    ("status code", [])]."""
    out = []
    for m in _BY.finditer(text or ""):
        flat = _LISTED.sub(lambda b: "(" + b[1].replace(",", "\0").replace(" and ", "\1") + ")", m["list"])
        for seg in _SPLIT.split(flat):
            listed = _LISTED.search(seg)
            values = _SPLIT.split(listed[1].replace("\0", ",").replace("\1", " and ")) if listed else []
            out.append((_LISTED.sub("", seg).strip(), [v.strip() for v in values if v.strip()]))
    return out


def listed_values(metric_labels: dict, label: str, values: list[str]) -> str | None:
    """What the values a text lists for a label miss or add, against the label's listed values; None if equal."""
    own = metric_labels.get(label)
    if not values or not isinstance(own, list):
        return None
    said, has = {v.lower() for v in values}, {str(v).lower() for v in own}
    if said == has:
        return None
    parts = [
        f"lists {', '.join(sorted(said - has))}" if said - has else "",
        f"misses {', '.join(sorted(has - said))}" if has - said else "",
    ]
    said_list, own_list = ", ".join(values), ", ".join(map(str, own))
    return f"its ({said_list}) {' and '.join(p for p in parts if p)} of {label}'s values ({own_list})"


@rule(
    "DASH002",
    "error",
    "a dashboard row's text says what its series are grouped by and how many it shows: its by: and top:",
    "The row's text is the panel's title on the site and in Grafana: a row titled 'Top rate limited IPs' that groups "
    "by user shows the top users twice and no IP, and the responder blocking an attacker reads the wrong list.",
    "make by: the label the text names (or the text name the label by: groups by), and top: the count it states",
)
def dashboard_row_says_its_grouping(ctx: CheckContext, report: Reporter):
    # A label of the row's metrics that the text names must be the one by: groups by: the text and by: are one fact
    cat = ctx.catalog
    for i, panel in enumerate(cat.dashboard.panels):
        for j, item in enumerate(panel.items):
            where = ("panels", i, "items", j)
            metrics = [x for name in item.metrics for x in expand(cat.data.metrics, name)]
            labels = {label for x in metrics for label in x.labels}
            named = named_labels(item.text, labels)
            if item.by in labels and named and item.by not in named:  # a by: no metric has is ALR007's
                said = ", ".join(sorted(named))
                yield report(
                    F.DASHBOARD, (*where, "by"), f"{item.text!r} names {said}, but the row groups by {item.by}"
                )
            elif item.by is None:
                grouped = {label for m in _GROUPING.finditer(item.text) for label in named_labels(m[1], labels)}
                if grouped:
                    said = ", ".join(sorted(grouped))
                    yield report(
                        F.DASHBOARD, (*where, "text"), f"{item.text!r} groups by {said}, but the row has no by:"
                    )
            own = {label: spec for x in metrics for label, spec in x.labels.items()}
            for seg, values in by_list(item.text) if item.by else []:
                if item.by in named_labels(seg, labels) and (why := listed_values(own, item.by, values)):
                    yield report(F.DASHBOARD, (*where, "text"), f"{item.text!r}: {why}")
            stated = {int(n) for n in _TOP.findall(item.text)}
            if stated and item.top not in stated:
                shows = f"top: {item.top}" if item.top else "no top:"
                said = ", ".join(map(str, sorted(stated)))
                yield report(F.DASHBOARD, (*where, "top" if item.top else "text"), f"the text says top {said}, {shows}")


# A comparison of a log field with a templated duration: `.context.duration > {{ seconds(x) * 1000 }}`
_COMPARED = re.compile(
    r"\.(?P<path>[\w.]+)\s*(?:[<>]=?|==|!=)\s*\{\{\s*(?P<fn>seconds|minutes)\([^{}]*?\)\s*(?:(?P<op>[*/])\s*(?P<k>[\d.e]+))?\s*\}\}"
)
_FN_SIZE = {"seconds": 1.0, "minutes": 60.0}


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


def _name(size: float) -> str:
    return next((u for u, (d, s) in Q.UNITS.items() if d == "time" and abs(s - size) < 1e-12), f"{size:g} s")


@rule(
    "LOG001",
    "error",
    "a metric's or log field's help says what the data holds: its unit (the unit:, the unit the queries read it in), "
    "and the labels it is by, with their values; a signal's unit is its id's and its metric's",
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
            at_metric = bool(named) and named[-1] == own  # the id agrees with the signal: the metric's unit moved
            msg = f"{sig.id}'s unit is {sig.unit}, but its metric {metric.name}'s unit is {metric.unit}"
            where = (F.CATALOG, ("metrics", k, "unit")) if at_metric else (F.SEVERITIES, ("signals", i, "unit"))
            yield report(*where, msg)
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
        if len(wrong) < len(uses):  # the help agrees with other queries: the odd query out is the edit
            for file, n, size, text in wrong:
                msg = f"{text!r} reads {field.path} in {_name(size)}, but its help and the other queries say {said[0]}"
                yield report.at(file, n, report.lines(file)[n - 1].index(text) + 1, msg)
        else:
            sizes = ", ".join(sorted({_name(u[2]) for u in uses}))
            msg = f"the help says {field.path} is in {said[0]!r}, but the queries that read it compare it in {sizes}"
            yield report(F.CATALOG, ("log_format", "fields", i, "help"), msg, needle=said[0])


_WITHIN = re.compile(r"\bwithin\s+(?P<span>[\w.-]+[\s-]+[a-z]+)(?P<of>\s+of\b)?", re.IGNORECASE)
_QUIET = {"and", "or", "the", "a", "an", "of", "to", "was", "were", "is", "incident", "within", "on"}


def timeline(sections) -> tuple[int, list[tuple[int, int, str]]] | None:
    """(index of the section, [(row, minutes after midnight, event)]) of the post-mortem's timeline: the first table
    whose first column holds clock times only; None when it has none."""
    for i, section in enumerate(sections):
        rows = section.table.rows if section.table else []
        times = [Q.clock(row[0]) if row else None for row in rows]
        if rows and None not in times:
            return i, [(r, t, " ".join(map(str, row[1:]))) for r, (t, row) in enumerate(zip(times, rows, strict=True))]
    return None


@rule(
    "PM003",
    "error",
    "the example post-mortem's stated durations ('within 25 minutes') are what its timeline's times give",
    "The example is the template the next post-mortem copies: a lesson saying the fix was in within 15 minutes "
    "when its own timeline deploys it 20 minutes after the alert teaches writers to round their timings down.",
    "make the stated duration what the timeline's times give, or the time of the event it speaks of",
)
def postmortem_timeline_arithmetic(ctx: CheckContext, report: Reporter):
    sections = ctx.catalog.incident.postmortem.sections
    found = timeline(sections)
    if found is None:
        return
    t, rows = found
    row_at = ("postmortem", "sections", t, "table", "rows")
    times = [now for _, now, _ in rows]
    if times != sorted(times):  # the row out of place: the one whose time, taken out, leaves the rest in order
        odd = [r for r in range(len(rows)) if (rest := times[:r] + times[r + 1 :]) == sorted(rest)] or [
            next(r for r in range(1, len(rows)) if times[r] < times[r - 1])
        ]
        yield report(F.INCIDENT, (*row_at, odd[0]), f"{rows[odd[0]][2]!r} is out of the timeline's time order")
    start = rows[0][1]
    offsets = {now - start for _, now, _ in rows}
    for i, section in enumerate(sections):
        for k, sub in enumerate(section.subsections):
            for j, item in enumerate(sub.items):
                for m in _WITHIN.finditer(str(item)):
                    stated = Q.spans(m["span"])
                    if not stated:
                        continue
                    minutes = stated[0][0] / 60
                    said = Q.words(str(item)) - {Q.stem(w) for w in _QUIET} - Q.words(m["span"])
                    overlap = [(len(said & Q.words(event)), r, now, event) for r, now, event in rows]
                    best = max(n for n, *_ in overlap)
                    named = [(r, now, event) for n, r, now, event in overlap if best and n == best]
                    where = ("postmortem", "sections", i, "subsections", k, "items", j)
                    late = [(r, now, event) for r, now, event in named if now - start > minutes]
                    for r, now, event in late:
                        msg = f"{str(item)!r}, but the timeline has {event!r} {now - start:g} minutes after its start"
                        # the lesson's span is the time of an event after this one: the row was moved, not the lesson
                        moved = any(x - start == minutes for _, x, _ in rows[r + 1 :])
                        yield report(
                            F.INCIDENT, (*row_at, r) if moved else where, msg, needle=None if moved else m["span"]
                        )
                    if not late and not m["of"] and named and minutes not in offsets:
                        msg = f"{str(item)!r}, but no event of the timeline is {minutes:g} minutes after its start"
                        yield report(F.INCIDENT, where, msg, needle=m["span"])
