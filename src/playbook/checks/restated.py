"""Checker rules on facts the data states twice, in prose and in a field: the prose read back must agree."""

from __future__ import annotations

import re

from playbook.alerts.promnames import expand
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data import quantities as Q

_COUNTS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
_COUNT = rf"(\d+|{'|'.join(_COUNTS)})"
# The count a row's text says it shows: "top 10", "top-5", "top five", a query's "topk(5)", "the 5 busiest IPs"
_TOP = re.compile(
    rf"\btop(?:k\s*\(\s*|[\s-]+){_COUNT}\b|\b{_COUNT}\s+(?:highest|largest|busiest|noisiest|worst|most)\b",
    re.IGNORECASE,
)


def stated_tops(text: str) -> set[int]:
    """The counts `text` says a row shows (its top:), numbers in digits or words up to twelve."""
    said = {n for m in _TOP.finditer(text) for n in m.groups() if n}
    return {int(n) if n.isdigit() else _COUNTS.index(n.lower()) for n in said}


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
            stated = stated_tops(item.text)
            if stated and item.top not in stated:
                shows = f"top: {item.top}" if item.top else "no top:"
                said = ", ".join(map(str, sorted(stated)))
                yield report(F.DASHBOARD, (*where, "top" if item.top else "text"), f"the text says top {said}, {shows}")


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
