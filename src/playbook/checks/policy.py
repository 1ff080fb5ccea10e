"""Checker rules on policies: the AI kill switch, post-mortems, freshness, and the seed decisions."""

from __future__ import annotations

import fnmatch
import json
import re
from datetime import date, timedelta

from playbook.checks.engine import RULES, CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.catalog import Catalog
from playbook.data.durations import parse_duration
from playbook.data.expand import condition_text
from playbook.data.walk import blocks, runbooks
from playbook.errors import DataError
from playbook.incident.records import days_off_of
from playbook.version import last_changes as git_last_changes

AI_SIGNAL = "ai_error_rate"
REQUIRED_SECTIONS = ("Summary", "Timeline", "Impact", "Root Cause", "Resolution", "Action Items", "Lessons Learned")


@rule(
    "AI001",
    "error",
    "the AI kill-switch threshold and the AI-down definitions agree",
    "'Disable AI at >80% errors' and 'AI down is SEV-2' must mean the same outage.",
    "quote condition('SEV-2', 'ai_error_rate') in the disable-AI reasons and the AI scenario",
)
def ai_threshold(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    conds = [
        (i, j, c)
        for i, lvl in enumerate(cat.severities.levels)
        for j, c in enumerate(lvl.conditions)
        if c.signal == AI_SIGNAL
    ]
    if len(conds) != 1:
        yield report(F.SEVERITIES, ("levels",), f"{len(conds)} conditions on {AI_SIGNAL}; want 1")
        return
    text = condition_text(conds[0][2], cat.signals[AI_SIGNAL].unit)
    for file, rb in runbooks(cat):
        metric = cat.signals[AI_SIGNAL].metric or ""
        for k, sym in enumerate(getattr(rb, "symptoms", [])):
            on_ai_errors = any(fnmatch.fnmatchcase(metric, m) for m in sym.metrics)
            if on_ai_errors and text not in sym.text:
                yield report(file, ("symptoms", k, "text"), f"symptom does not state the AI-down threshold {text}")
        if rb.id == "disable-ai" and not any(text in r for r in rb.reasons):
            yield report(file, _stating(cat, rb.reasons), f"no reason states the AI-down threshold {text}")


def _stating(cat: Catalog, reasons: list[str]) -> tuple:
    """Where the AI-down threshold is missing from: the one reason that states another condition of the severity
    table (`condition('SEV-2', 'error_rate')` for the AI one), else the reasons as a whole."""
    others = {
        t
        for lvl in cat.severities.levels
        for c in lvl.conditions
        if c.signal in cat.signals and (t := condition_text(c, cat.signals[c.signal].unit))
    }
    stating = [k for k, r in enumerate(reasons) if any(t in r for t in others)]
    return ("reasons", stating[0]) if len(stating) == 1 else ("reasons",)


@rule(
    "AI002",
    "error",
    "every place that shows the refused response shows the catalog's one",
    "The seed's code and its expected output disagreed on the refused response.",
    "render it with the ts_refused() and json(flag.refused_response) templates",
)
def refused_response(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for flag in cat.data.feature_flags:
        resp = flag.refused_response
        for file, path, b in blocks(cat):
            if "refused" not in b.code or b.kind not in ("typescript", "output"):
                continue
            if b.kind == "output" and json.dumps(resp, separators=(", ", ": ")) not in b.code:
                yield report(
                    file,
                    (*path, "code"),
                    "expected output differs from the refused response",
                    needle="refused",
                )
            if b.kind == "typescript":
                for key, val in resp.items():
                    if not re.search(rf"\b{key}: '?{re.escape(_ts_literal(val))}", b.code):
                        yield report(
                            file,
                            (*path, "code"),
                            f"{key} differs from the refused response",
                            needle="return",
                        )


def _ts_literal(val) -> str:
    if isinstance(val, bool):
        return str(val).lower()
    return "null" if val is None else str(val)


@rule(
    "PM001",
    "error",
    "post-mortem policy in one place: the most severe levels, with the required template sections",
    "Which levels need a post-mortem, and by when, must not be restated elsewhere to drift; and a level that needs "
    "one makes every more severe level need one (SEV-3 without SEV-2 turns the ladder upside down). A level whose "
    "response opens an incident channel declares an incident, and every declared incident gets a post-mortem.",
    "list existing levels in postmortem.required_for, from SEV-1 down without a gap, every level whose response "
    "creates an incident channel among them, and keep every required section in the template",
)
def postmortem_policy(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    pm, file = cat.incident.postmortem, F.INCIDENT
    levels = {s.id for s in cat.severities.levels}
    for i, sev in enumerate(pm.required_for):
        if sev not in levels:
            yield report(file, ("postmortem", "required_for", i), f"{sev} is not a severity level")
    order = [s.id for s in cat.severities.levels]  # the most severe first
    for i, sev in enumerate(pm.required_for):
        above = order[: order.index(sev)] if sev in order else []
        if missing := [lv for lv in above if lv not in pm.required_for]:
            yield report(
                file,
                ("postmortem", "required_for", i),
                f"{sev} needs a post-mortem, but the more severe {', '.join(missing)} does not",
                f"list {', '.join(missing)} too, or drop {sev}",
            )
    declared = [lv.id for lv in cat.severities.levels if any(r.kind == "create_channel" for r in lv.response)]
    if missing := [lv for lv in declared if lv not in pm.required_for]:
        message = f"{', '.join(missing)} opens an incident channel (a declared incident), but needs no post-mortem"
        yield report(file, ("postmortem", "required_for"), message, f"list {', '.join(missing)} in required_for")
    headings = [s.heading for s in pm.sections]
    for name in REQUIRED_SECTIONS:
        if name not in headings:
            yield report(file, ("postmortem", "sections"), f"template has no {name!r} section")
    impact = next((s for s in pm.sections if s.heading == "Impact"), None)
    if impact and not any(f.name == "Data lost" for f in impact.fields):
        yield report(file, ("postmortem", "sections"), "Impact does not ask whether data was lost")
    try:
        days_off_of(cat)  # the public holidays of the due date: a country and subdivision the library knows
    except DataError as e:
        for p in e.problems:
            yield report.at(p.file, p.line, p.col, p.message, p.hint, p.field)


def last_changes(cat: Catalog) -> dict[str, date]:
    """Date of the last commit touching each data file, from one `git log` over the data folder ({} outside git)."""
    return cat.memoized("last_changes", lambda: git_last_changes(cat.base, _data_folders(cat)))


def _data_folders(cat: Catalog) -> list[str]:
    return sorted({file.split("/")[0] for file in cat.source.values()})


@rule(
    "FRESH001",
    "warning",
    "runbooks are reviewed within their review interval",
    "A runbook nobody has read for months may describe a system that no longer exists.",
    "review the runbook with its owner and commit (the last commit date counts as the review)",
)
def reviewed(ctx: CheckContext, report: Reporter, today: date | None = None):
    cat = ctx.catalog
    today = today or date.today()
    for file, rb in runbooks(cat):
        last = last_changes(cat).get(file)
        if last and today - last > timedelta(seconds=parse_duration(rb.review_every).total_seconds()):
            yield report(
                file,
                ("review_every",),
                f"{rb.id} last changed {last}, review every {rb.review_every}: overdue",
            )


@rule(
    "FRESH002",
    "warning",
    "no TODO, FIXME or TBD left in the pages",
    "A TODO on an incident page is a question the responder cannot answer.",
    "write the missing text, or move the open question to an issue",
)
def todos(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for page in sorted(cat.project.docs.rglob("*.md")):
        for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            m = re.search(r"\b(TODO|FIXME|TBD)\b", line)
            if m:
                yield report.at(cat.rel(page), n, m.start() + 1, f"{m.group(1)} left on the page")


@rule(
    "DEC001",
    "error",
    "every seed decision names a rule that exists",
    "A decision is only kept if a rule would catch the contradiction coming back.",
    "name a registered rule id in decisions.yaml, or null if no rule can check it",
)
def decisions_guarded(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, d in enumerate(cat.decisions.decisions):
        if d.rule and d.rule not in RULES:
            yield report(F.DECISIONS, ("decisions", i, "rule"), f"{d.id}: no rule {d.rule}")


@rule(
    "RUN003",
    "error",
    "every destructive block says what it changes and how to undo it",
    "At 3 a.m. a responder must know what a step destroys and the way back before running it.",
    "add `changes:` (what it changes, what is lost) and `undo:` (how to go back) to the block",
)
def destructive_explained(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, b in blocks(cat):
        if b.destructive:
            missing = [k for k in ("changes", "undo") if not (getattr(b, k) or "").strip()]
            if missing:
                yield report(file, (*path, "destructive"), f"destructive block without {' and '.join(missing)}")


def _out_of_order(times: list[str]) -> list[int]:
    """The indexes of `times` outside a longest run kept in order (the rows to blame: the one retyped, not the
    rows around it)."""
    best: list[list[int]] = []
    for i, t in enumerate(times):
        before = [run for j, run in enumerate(best) if times[j] <= t]
        best.append([*max(before, key=len, default=[]), i])
    kept = set(max(best, key=len, default=[]))
    return [i for i in range(len(times)) if i not in kept]


@rule(
    "PM002",
    "error",
    "a timeline (a table whose first column is Time) lists its times in order",
    "The post-mortem template's timeline is the example every post-mortem copies; a row that goes back in time "
    "tells the reader something happened before the alert that started it.",
    "retype the time, or move the row to where its time belongs",
)
def timeline_in_order(ctx: CheckContext, report: Reporter):
    for s, section in enumerate(ctx.catalog.incident.postmortem.sections):
        table = section.table
        if table is None or not table.columns or table.columns[0].lower() != "time":
            continue
        times = [str(row[0]) if row else "" for row in table.rows]
        if not all(re.fullmatch(r"\d{2}:\d{2}", t) for t in times):
            continue  # a placeholder timeline ([time]) has no order
        for r in _out_of_order(times):
            message = f"{times[r]} is out of order in the timeline ({', '.join(times)})"
            yield report(F.INCIDENT, ("postmortem", "sections", s, "table", "rows", r, 0), message)
