"""Checker rules on people: escalation versus SLAs, routes, and every named role or team."""

from __future__ import annotations

from playbook.checks.engine import finding, rule
from playbook.data.catalog import Catalog
from playbook.data.durations import parse_duration
from playbook.incident.routes import route

ONCALL, SEV, MATRIX = "data/oncall.yaml", "data/severities.yaml", "data/matrix.yaml"


@rule(
    "ESC001",
    "error",
    "each escalation level answers within the acknowledge SLA of every severity it serves",
    "A primary who 'responds within 15 minutes' cannot meet a 5-minute SEV-1 acknowledge.",
    "set responds_within to ack-sla, or to a duration no longer than the tightest acknowledge SLA served",
)
def responds_in_time(cat: Catalog):
    for i, lvl in enumerate(cat.oncall.escalation):
        if lvl.responds_within in (None, "ack-sla"):
            continue
        for sev in lvl.severities:
            ack = cat.level(sev).ack if sev in {s.id for s in cat.severities.levels} else None
            if ack and parse_duration(lvl.responds_within) > parse_duration(ack):
                yield finding(
                    cat,
                    "ESC001",
                    ONCALL,
                    ("escalation", i, "responds_within"),
                    f"{lvl.role} responds within {lvl.responds_within}, but {sev} must be acknowledged within {ack}",
                )


@rule(
    "ESC002",
    "error",
    "whoever a severity's response pages is on the escalation path at declaration",
    "The seed both 'notified' and 'paged' the manager for SEV-1; the response and the path must agree.",
    "add the role to an escalation level for that severity with after: 0m, or change the response",
)
def response_matches_path(cat: Catalog):
    for i, lvl in enumerate(cat.severities.levels):
        for j, act in enumerate(lvl.response):
            if act.kind != "page" or not act.role:
                continue
            if not any(
                e.role == act.role and lvl.id in e.severities and e.after == "0m" for e in cat.oncall.escalation
            ):
                yield finding(
                    cat,
                    "ESC002",
                    SEV,
                    ("levels", i, "response", j),
                    f"{lvl.id} pages {act.role}, but no escalation level contacts it at declaration",
                )


@rule(
    "ESC003",
    "error",
    "time-based escalation comes before the resolve SLA it protects",
    "The CTO brought in after the resolve SLA has passed arrives too late to help meet it.",
    "shorten `after`, or drop the severity from the level",
)
def escalation_before_resolve(cat: Catalog):
    for i, lvl in enumerate(cat.oncall.escalation):
        if lvl.after == "ack-sla" or parse_duration(lvl.after).total_seconds() == 0:
            continue
        for sev in lvl.severities:
            resolve = cat.level(sev).resolve if sev in {s.id for s in cat.severities.levels} else None
            if resolve is None or parse_duration(lvl.after) >= parse_duration(resolve):
                yield finding(
                    cat,
                    "ESC003",
                    ONCALL,
                    ("escalation", i, "after"),
                    f"{lvl.role} joins {sev} after {lvl.after}, not before its resolve SLA ({resolve or 'none'})",
                )


@rule(
    "ROUTE001",
    "error",
    "route tests in data/routes.yaml hold",
    "Given a severity and the time elapsed, the data must name exactly who has been contacted.",
    "fix the escalation data, or the expectation if the policy changed on purpose",
)
def route_tests(cat: Catalog):
    for i, t in enumerate(cat.routes.tests):
        if t.severity not in {s.id for s in cat.severities.levels} or (
            t.type and t.type not in {x.id for x in cat.matrix.incident_types}
        ):
            yield finding(cat, "ROUTE001", "data/routes.yaml", ("tests", i), "unknown severity or incident type")
            continue
        got = {c.party for c in route(cat, t.severity, parse_duration(t.elapsed), t.type, t.acknowledged)}
        if got != set(t.expect):
            missing, extra = sorted(set(t.expect) - got), sorted(got - set(t.expect))
            yield finding(
                cat,
                "ROUTE001",
                "data/routes.yaml",
                ("tests", i, "expect"),
                f"{t.severity} after {t.elapsed}: missing {missing}, unexpected {extra}",
            )


def _party_refs(cat: Catalog):
    """(file, path, id) of every role or team id the data names."""
    for i, e in enumerate(cat.oncall.escalation):
        yield ONCALL, ("escalation", i, "role"), e.role
    yield ONCALL, ("shift", "role"), cat.oncall.shift.role
    for i, it in enumerate(cat.matrix.incident_types):
        yield MATRIX, ("incident_types", i, "primary"), it.primary
        yield MATRIX, ("incident_types", i, "secondary"), it.secondary
        for j, e in enumerate(it.escalation):
            yield MATRIX, ("incident_types", i, "escalation", j), e
    for i, lvl in enumerate(cat.severities.levels):
        for j, a in enumerate(lvl.response):
            if a.role:
                yield SEV, ("levels", i, "response", j, "role"), a.role
    yield "data/incident.yaml", ("postmortem", "owner"), cat.incident.postmortem.owner
    for rid, rb in [*cat.scenarios.items(), *cat.procedures.items()]:
        yield cat.source[rid], ("owner",), rb.owner
        for i, step in enumerate(rb.steps):
            for j, w in enumerate(step.who):
                yield cat.source[rid], ("steps", i, "who", j), w


@rule(
    "REF001",
    "error",
    "every role or team named anywhere has a contact entry",
    "A name with no contact is someone nobody can reach during an incident.",
    "add the role or team to data/contacts.yaml, or fix the id",
)
def parties_known(cat: Catalog):
    known = set(cat.roles) | set(cat.teams)
    for file, path, pid in _party_refs(cat):
        if pid not in known:
            yield finding(cat, "REF001", file, path, f"{pid!r} is not a role or team in data/contacts.yaml")
    for i, t in enumerate(cat.contacts.teams):
        if t.lead not in known and t.lead != "TBD":
            yield finding(cat, "REF001", "data/contacts.yaml", ("teams", i, "lead"), f"lead {t.lead!r} is not a role")


@rule(
    "REF004",
    "error",
    "every scenario's incident type is a row of the responsibility matrix",
    "Without a matrix row nobody owns the scenario and nobody is escalated to.",
    "use an id from data/matrix.yaml, or add the row",
)
def scenario_types(cat: Catalog):
    types = {x.id for x in cat.matrix.incident_types}
    for sid, sc in cat.scenarios.items():
        if sc.incident_type not in types:
            yield finding(
                cat, "REF004", cat.source[sid], ("incident_type",), f"{sc.incident_type!r} is not in the matrix"
            )
        if sc.severity not in {s.id for s in cat.severities.levels}:
            yield finding(cat, "REF004", cat.source[sid], ("severity",), f"{sc.severity!r} is not a severity level")


@rule(
    "REF008",
    "error",
    "every channel named is in the channel list",
    "A team pointed at a channel that does not exist is unreachable.",
    "add the channel to data/oncall.yaml channels, or use TBD",
)
def channels_known(cat: Catalog):
    chans = set(cat.channels)
    for i, t in enumerate(cat.contacts.teams):
        if t.channel not in chans and t.channel != "TBD":
            yield finding(
                cat, "REF008", "data/contacts.yaml", ("teams", i, "channel"), f"unknown channel {t.channel!r}"
            )
    for i, r in enumerate(cat.oncall.responsibilities):
        for j, c in enumerate(r.channels):
            if c not in chans:
                yield finding(cat, "REF008", ONCALL, ("responsibilities", i, "channels", j), f"unknown channel {c!r}")
    if cat.oncall.shift.contact_channel not in chans:
        yield finding(cat, "REF008", ONCALL, ("shift", "contact_channel"), "unknown channel")
