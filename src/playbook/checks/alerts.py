"""Checker rules on alerts: runbook links resolve, SEV-1/SEV-2 alerts page someone, every scenario is detected."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playbook.alerts.prometheus import Resolved, resolve, rule_labels, site_url
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.pages import anchors_of, html_ids
from playbook.checks.renamed_titles import at_the_title
from playbook.data import files as F
from playbook.data.catalog import Catalog
from playbook.data.suggest import closest
from playbook.errors import DataError

PAGING_LEVELS = ("SEV-1", "SEV-2")


def _resolved(cat: Catalog) -> list[Resolved]:
    try:
        return resolve(cat)
    except DataError:
        return []  # ALR004 reports the broken references


def broken_runbook(
    cat: Catalog, a: Resolved, site_dir: Path | None = None, markdown: Callable[[str], str | None] | None = None
) -> str | None:
    """Why `a.runbook_url` does not resolve on the site: the built one in `site_dir`, else the pages a check
    run reads (`markdown(page)`, as CheckContext.page gives them); None when it resolves."""
    base = site_url(cat)
    if not a.runbook_url.startswith(base):
        return f"runbook_url {a.runbook_url} is not under the site_url {base}"
    page, _, anchor = a.runbook_url.removeprefix(base).partition("#")
    if site_dir is not None:
        html = site_dir / page
        if not html.is_file():
            return f"page {page} is not on the built site"
        ids = html_ids(html.read_text(encoding="utf-8"))
    else:
        if markdown is None:
            raise ValueError("broken_runbook needs the built site or the pages' Markdown")
        md = markdown(page.removesuffix(".html") + ".md")
        if md is None:
            return f"page {page} does not exist"
        ids = anchors_of(md)
    if anchor and anchor not in ids:
        return f"page {page} has no section #{anchor}"
    return None


@rule(
    "ALR001",
    "error",
    "Every alert's runbook_url resolves to an existing page and section of the site",
    "A page at 3 a.m. whose runbook link is dead leaves the responder without the steps",
    "point the alert at an existing scenario and section (anchor), or restore the section",
)
def runbook_links(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for a in _resolved(cat):
        why = broken_runbook(cat, a, markdown=ctx.page)
        if why:
            field = "anchor" if cat.alerts.alerts[a.index].anchor else "scenario"
            yield report(F.ALERTS, ("alerts", a.index, field), f"{a.name}: {why}")
            page, _, anchor = a.runbook_url.removeprefix(site_url(cat)).partition("#")
            md = ctx.page(page.removesuffix(".html") + ".md") if anchor else None
            if md and anchor not in anchors_of(md):  # the page is there, its section is gone
                named = f"{cat.file(F.ALERTS)}'s alerts[{a.index}].{field}"
                yield from at_the_title(cat, report, md, anchor, named)


@rule(
    "ALR002",
    "error",
    "Every SEV-1/SEV-2 alert pages someone at once",
    "A critical or high alert that reaches nobody is an outage nobody works on",
    "add the level to an escalation entry with after: 0m in oncall.yaml, or lower the alert's severity",
)
def severe_alerts_page(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for a in _resolved(cat):
        if a.severity in PAGING_LEVELS and not a.paged:
            path = ("alerts", a.index, "condition" if cat.alerts.alerts[a.index].condition else "scenario")
            yield report(F.ALERTS, path, f"{a.name} ({a.severity}) pages nobody")


@rule(
    "ALR003",
    "error",
    "A scenario is found_by: alert exactly when an alert in alerts.yaml detects it, else found_by: humans",
    "A failure no alert detects is found by patients and clinicians first; a scenario marked found by humans that "
    "an alert pages for tells the reader to wait for a report that the page comes before",
    f"add an alert for the scenario in {F.ALERTS.name}, or set found_by: humans in the scenario (found_by: alert "
    "when an alert detects it)",
)
def scenarios_detected(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    alerted: dict[str, str] = {}
    for al in cat.alerts.alerts:
        alerted.setdefault(al.scenario, al.title)
    for sid, sc in cat.scenarios.items():
        if sc.found_by != "humans" and sid not in alerted:
            yield report(
                cat.source[sid],
                ("found_by",),
                f"scenario {sid} has no alert and is not found_by: humans",
            )
        elif sc.found_by == "humans" and sid in alerted:
            message = f"scenario {sid} is found_by: humans, but the alert {alerted[sid]} detects it"
            hint = f"set found_by: alert, or drop the alert in {F.ALERTS.name}"
            yield report(cat.source[sid], ("found_by",), message, hint)


@rule(
    "ALR004",
    "error",
    "Every alert's scenario, symptom, severity condition and metrics exist",
    "An alert whose threshold or metric is unknown cannot be generated",
    "fix the reference named in the message",
)
def alert_references(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    try:
        resolve(cat)
    except DataError as e:
        for p in e.problems:
            yield report.at(p.file, p.line, p.col, p.message, p.hint, p.field)


@rule(
    "ALR005",
    "warning",
    "Every party the router can page has a Slack channel or an e-mail",
    "An alert routed to a receiver with no notifier reaches nobody at 3 a.m.",
    "give the role an e-mail or Slack handle, or the team a channel or a lead, in contacts.yaml",
    tbd=True,
)
def receivers_configured(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    from playbook.alerts.alertmanager import unconfigured
    from playbook.incident.routes import paged_at_declaration

    pageable = {p for lv in cat.severities.levels for it in [None, *cat.matrix.incident_types]
                for p in paged_at_declaration(cat, lv.id, it.id if it else None)}  # fmt: skip
    for party in unconfigured(cat):
        team = cat.teams.get(party)
        if team and team.channel not in cat.channels and team.channel != "TBD":
            continue  # a channel that does not exist: the loader refuses it (LOAD005)
        if party in pageable:
            key, items = ("roles", cat.contacts.roles) if party in cat.roles else ("teams", cat.contacts.teams)
            i = next(n for n, x in enumerate(items) if x.id == party)
            yield report(F.CONTACTS, (key, i), f"{party}: its receiver notifies nobody (contact TBD)")


@rule(
    "ALR006",
    "error",
    "The router's timings and business hours are usable and justified",
    "A wrong time zone or an empty business day silently mutes SEV-3 alerts around the clock",
    "use an IANA time zone, start before end, and name a decision in decisions.yaml",
)
def router_settings(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    bh = cat.oncall.business_hours
    where = ("business_hours",)
    try:
        ZoneInfo(bh.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        yield report(F.ONCALL, (*where, "timezone"), f"{bh.timezone!r} is no time zone")
    if bh.start >= bh.end:
        yield report(F.ONCALL, (*where, "end"), f"business hours end {bh.end} before {bh.start}")
    decisions = {d.id for d in cat.decisions.decisions}
    for file, path, ref in (
        (F.ONCALL, (*where, "decision"), bh.decision),
        (F.ALERTS, ("router", "decision"), cat.alerts.router.decision),
    ):
        if ref and ref not in decisions:
            yield report(file, path, f"no decision {ref} in decisions.yaml")


@rule(
    "ALR009",
    "error",
    "A scenario's severity is the most severe level among the conditions of the alerts that detect it",
    "An alert pages at its condition's level; a scenario declared milder than what its alert pages for tells the "
    "responder a lighter post-mortem duty, cadence and escalation than the people the page reached expect",
    f"set the scenario's severity: to the level its alerts fire on, or point the alert (in {F.ALERTS.name}) at the "
    "condition of the level meant",
)
def scenario_severity_of_alerts(ctx: CheckContext, report: Reporter):
    # Reported at the scenario's severity: line, and at the alert's level: either may be the one an editor retyped
    # (an alert's level alone can move where two levels have its signal: error_rate is SEV-1's and SEV-2's).
    cat = ctx.catalog
    alerts_file = cat.file(F.ALERTS)
    rank = {s.id: s.rank for s in cat.severities.levels}
    fired: dict[str, list] = {}
    for al in cat.alerts.alerts:  # an unknown level or scenario is ALR004's
        if al.condition is not None and al.condition.level in rank and al.scenario in cat.scenarios:
            fired.setdefault(al.scenario, []).append(al)
    for sid, alerts in fired.items():
        top = min(alerts, key=lambda al: rank[al.condition.level])
        sc = cat.scenarios[sid]
        if sc.severity != top.condition.level:
            alert_at = ("alerts", cat.alerts.alerts.index(top), "condition", "level")
            where = f"{alerts_file}:{cat.where(alerts_file, alert_at)[0]}"
            message = f"{sid} is {sc.severity}, but its alert {top.title} fires on a {top.condition.level} condition"
            yield report(cat.source[sid], ("severity",), f"{message} ({top.condition.signal}, {where})")
            where = f"{cat.source[sid]}:{cat.where(cat.source[sid], ('severity',))[0]}"
            message = f"{top.title} fires on a {top.condition.level} condition ({top.condition.signal}), but its "
            message += f"scenario {sid} is {sc.severity} ({where})"
            hint = f"set the alert's level to {sc.severity} if that level has the signal, or the scenario's severity"
            yield report(F.ALERTS, alert_at, message, hint)


def _names(cat: Catalog, metric: str, symptom) -> bool:
    """Whether `symptom` names alert metric `metric`: by a `metrics:` glob, or by the endpoint its probe reads."""
    from playbook.alerts.promnames import expand

    mine = {x.name for x in expand(cat.data.metrics, metric)}
    if not mine:
        return True  # no catalog metric: ALR004's
    named = {x.name for g in symptom.metrics for x in expand(cat.data.metrics, g)}
    probes = {x.probe for x in cat.data.metrics if x.name in mine and x.probe}
    return bool(mine & named) or symptom.endpoint in probes


def _said(cat: Catalog, symptom) -> str:
    """What a symptom names: its metrics, or the metrics that probe its endpoint."""
    probes = sorted(x.name for x in cat.data.metrics if symptom.endpoint and x.probe == symptom.endpoint)
    return ", ".join(list(symptom.metrics) or probes)


@rule(
    "ALR011",
    "error",
    "An alert's symptom: is a symptom of its scenario that names the alert's metric (or its probe's endpoint), and "
    "the alert counts every metric the symptom names",
    "The page shows the alert beside the symptom it detects; an index that points at another symptom tells the "
    "responder the alert means what it does not (the sign-in failures alert under 'Possible brute force attack'); an "
    "alert counting one of the symptom's metrics (write.note.error of write.*.error) never fires on the others.",
    "point symptom: at the symptom whose metrics: (or endpoint:) name the alert's metric, or name it there; count "
    "all the symptom's metrics (its glob)",
)
def symptom_names_metric(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, al in enumerate(cat.alerts.alerts):
        sc = cat.scenarios.get(al.scenario)
        if al.symptom is None or sc is None or al.symptom >= len(sc.symptoms):
            continue  # no symptom named, or one that does not exist (ALR004's)
        if not _names(cat, al.metric.metric, sc.symptoms[al.symptom]):
            right = [j for j, s in enumerate(sc.symptoms) if _names(cat, al.metric.metric, s)]
            message = f"{al.title}: symptom {al.symptom} of {sc.id} names no {al.metric.metric}"
            if right:  # another symptom names the metric: the index moved
                hint = f"did you mean symptom: {right[0]}? "
                yield report(F.ALERTS, ("alerts", i, "symptom"), message, hint + report.rule.fix)
            elif f"`{al.metric.metric}`" in (sc.symptoms[al.symptom].text or ""):  # its text does: its metrics moved
                message += f" in its metrics: ({_said(cat, sc.symptoms[al.symptom])}), though its text says it"
                yield report(cat.source[sc.id], ("symptoms", al.symptom, "metrics"), message, "list it in metrics:")
            else:  # no symptom of the scenario names the metric: the metric moved, not the index
                said = _said(cat, sc.symptoms[al.symptom])
                hint = f"the symptom reads {said}; " if said else ""
                yield report(F.ALERTS, ("alerts", i, "metric", "metric"), message, hint + report.rule.fix)
        elif part := _part(cat, al.metric.metric, sc.symptoms[al.symptom]):
            message = f"{al.title} counts {part}"
            yield report(F.ALERTS, ("alerts", i, "metric", "metric"), message, report.rule.fix)


def _part(cat: Catalog, metric: str, symptom) -> str:
    """What alert metric `metric` leaves out of its symptom's metrics (write.*.error's others); "" if none."""
    from playbook.alerts.promnames import expand

    mine = {x.name for x in expand(cat.data.metrics, metric)}
    named = {x.name for g in symptom.metrics for x in expand(cat.data.metrics, g)}
    if not mine or not mine < named:
        return ""
    said = ", ".join(symptom.metrics)
    return f"{metric} only, of the symptom's {said}: never {', '.join(sorted(named - mine))}"


@rule(
    "ALR012",
    "error",
    "the router groups alerts by labels the alerts carry",
    "Alertmanager groups by the labels it is given; one no alert carries is the empty value for every alert, so "
    "alerts that should stay apart (two scenarios) are sent as one notification, with no word of the mistake.",
    "use alertname or a label of the generated rules (severity, team, scenario, incident_type), or ... for all",
)
def grouped_by_known_labels(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    alerts = _resolved(cat)
    known = {"alertname", "..."} | {k for a in alerts for k in rule_labels(a)}
    for i, label in enumerate(cat.alerts.router.group_by if alerts else []):
        if label not in known:
            near = closest(label, known)
            hint = f"did you mean {near}?" if near else ""
            yield report(F.ALERTS, ("router", "group_by", i), f"no alert carries the label {label!r}", hint)
