"""Checker rules on people: escalation versus SLAs, and the route tests (unknown ids are the loader's: LOAD005)."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.routing import remedies
from playbook.checks.seed_values import seed_values
from playbook.data import files as F
from playbook.data.decided import lock
from playbook.data.durations import parse_duration
from playbook.data.seed import seed_text
from playbook.incident.routes import route

ONCALL, SEV, MATRIX = F.ONCALL, F.SEVERITIES, F.MATRIX


@rule(
    "ESC001",
    "error",
    "each escalation level answers within the acknowledge SLA of every severity it serves",
    "A primary who 'responds within 15 minutes' cannot meet a 5-minute SEV-1 acknowledge.",
    "set responds_within to ack-sla, or to a duration no longer than the tightest acknowledge SLA served",
)
def responds_in_time(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, lvl in enumerate(cat.oncall.escalation):
        if lvl.responds_within in (None, "ack-sla"):
            continue
        for sev in lvl.severities:
            ack = cat.level(sev).ack if sev in {s.id for s in cat.severities.levels} else None
            if ack and parse_duration(lvl.responds_within) > parse_duration(ack):
                yield report(
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
def response_matches_path(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, lvl in enumerate(cat.severities.levels):
        for j, act in enumerate(lvl.response):
            if act.kind != "page" or not act.role:
                continue
            if not any(
                e.role == act.role and lvl.id in e.severities and e.after == "0m" for e in cat.oncall.escalation
            ):
                yield report(
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
def escalation_before_resolve(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, lvl in enumerate(cat.oncall.escalation):
        if lvl.after == "ack-sla" or parse_duration(lvl.after).total_seconds() == 0:
            continue
        for sev in lvl.severities:
            resolve = cat.level(sev).resolve if sev in {s.id for s in cat.severities.levels} else None
            if resolve is None or parse_duration(lvl.after) >= parse_duration(resolve):
                message = f"{lvl.role} joins {sev} after {lvl.after}, not before its resolve SLA ({resolve or 'none'})"
                # an after: a decision settled, still its recorded value, did not move: the resolve SLA did
                if resolve is not None and (did := _settled(cat, ("escalation", i, "after"))):
                    k = next(k for k, s in enumerate(cat.severities.levels) if s.id == sev)
                    hint = f"make the resolve SLA longer than {lvl.after} again ({did} settled when {lvl.role} joins)"
                    yield report(SEV, ("levels", k, "resolve"), f"{message}; {did} settled the after:", hint)
                else:
                    yield report(ONCALL, ("escalation", i, "after"), message)


def _settled(cat, path: tuple) -> str | None:
    """The decision that fixed the value at `path` of oncall.yaml, if it is still the value it recorded."""
    found = lock(cat)
    for d in cat.decisions.decisions:
        recorded = (d.fingerprint or "").split()
        if any(v.path == path and v.file == cat.file(ONCALL) and v.tag in recorded for v in found.values.get(d.id, [])):
            return d.id
    return None


@rule(
    "ROUTE001",
    "error",
    f"route tests in {F.ROUTES.name} hold",
    "Given a severity and the time elapsed, the data must name exactly who has been contacted.",
    "fix the escalation data, or the expectation if the policy changed on purpose",
)
def route_tests(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, t in enumerate(cat.routes.tests):
        if t.severity not in {s.id for s in cat.severities.levels} or (
            t.type and t.type not in {x.id for x in cat.matrix.incident_types}
        ):
            yield report(F.ROUTES, ("tests", i), "unknown severity or incident type")
            continue
        got = {c.party for c in route(cat, t.severity, parse_duration(t.elapsed), t.type, t.acknowledged)}
        if got != set(t.expect):
            missing, extra = sorted(set(t.expect) - got), sorted(got - set(t.expect))
            message = f"{t.severity} after {t.elapsed}: missing {missing}, unexpected {extra}"
            yield report(F.ROUTES, ("tests", i, "expect"), message)
            yield from _steps_at_fault(cat, report, t, missing, extra)
            # The expectation holds at another elapsed time or acknowledgement: that input may be the line edited,
            # so it is named too (an acknowledged: taken out is the test's first line).
            line = cat.where(cat.file(F.ROUTES), ("tests", i, "expect"))[0]
            for field in remedies(cat, i):
                at = ("tests", i, field) if field in t.model_fields_set else ("tests", i)
                if cat.where(cat.file(F.ROUTES), at)[0] != line:
                    other = (
                        f"an {field} other than {getattr(t, field)!r}"
                        if field == "elapsed"
                        else f"acknowledged: {not t.acknowledged}"
                    )
                    yield report(F.ROUTES, at, f"{message}; the expectation holds with {other}", report.rule.fix)


def _steps_at_fault(cat, report: Reporter, t, missing: list[str], extra: list[str]):
    """ROUTE001 also at the escalation step of oncall.yaml that brings a missing or unexpected role in, the line an
    editor may have changed: a role missing is not listed for the level (its severities) or not due yet (its after,
    or the level's ack for a step that waits for it); a role unexpected is due too soon (its after, when it waits)."""
    routes = cat.file(F.ROUTES)
    test_at = f"{routes}:{cat.where(routes, ('tests', cat.routes.tests.index(t), 'expect'))[0]}"
    for party in (*missing, *extra):
        for k, step in enumerate(cat.oncall.escalation):
            listed = t.severity in step.severities
            waits = step.after not in ("0m", "ack-sla")
            if step.role != party or (party in extra and not (listed and waits)):
                continue  # a role the matrix brings in is ROUTE002's; one listed for the level, the test's to say
            field = "after" if listed else "severities"
            if field == "after" and not _time_says(cat, step, t):
                continue  # the time is not why (an acknowledged page, a matrix row): the route test alone says it
            said = "brings in" if party in extra else "does not bring in"
            message = f"escalation step {step.level} {said} {party} for {t.severity} after {t.elapsed}, but the route "
            message += f"test at {test_at} expects {party} {'not ' if party in extra else ''}to be paged by then"
            if field == "after" and step.after == "ack-sla":  # the step waits for the level's acknowledge SLA
                level = next(n for n, lv in enumerate(cat.severities.levels) if lv.id == t.severity)
                if _seed_kept(cat, ("levels", level, "ack")):
                    continue  # the seed's acknowledge time, unmoved: the route test is what changed
                message = f"{t.severity}'s ack is when escalation step {step.level} brings in {party} "
                message += f"(after: ack-sla), but the route test at {test_at} expects {party} paged after {t.elapsed}"
                yield report(SEV, ("levels", level, "ack"), message)
            elif not _settled(cat, ("escalation", k, field)):  # a value a decision settled did not move
                yield report(ONCALL, ("escalation", k, field), message)


def _seed_kept(cat, path: tuple) -> bool:
    """Whether the severities.yaml field at `path` holds the value the seed gives it (DEC016's reading)."""
    return any(
        at == path and value == said.value for _, at, _, value, *_, said in seed_values(cat, seed_text(cat.project))
    )


def _time_says(cat, step, t) -> bool:
    """Whether the step's wait explains the route test's party: not yet due for a party missing, due for one
    unexpected (an acknowledged page keeps a step for unacknowledged ones away at any time)."""
    if step.only_if_unacknowledged and t.acknowledged:
        return False
    level = cat.level(t.severity)
    after = level.ack if step.after == "ack-sla" else step.after
    if after is None:
        return False
    due = parse_duration(after) <= parse_duration(t.elapsed)
    return due == (step.role not in t.expect)


@rule(
    "ESC004",
    "error",
    "the escalation for an unacknowledged page comes within the acknowledge SLA of every severity it serves",
    "A secondary paged 30 minutes after a SEV-1 the primary never acknowledged (5 minutes) leaves the incident "
    "with nobody for 25 minutes: the acknowledge SLA is the moment the next person is owed.",
    "set after to ack-sla, or to a duration no longer than the tightest acknowledge SLA it serves",
)
def unacknowledged_in_time(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    levels = {s.id: s for s in cat.severities.levels}
    for i, lvl in enumerate(cat.oncall.escalation):
        if not lvl.only_if_unacknowledged or lvl.after == "ack-sla":
            continue
        late = [
            f"{sev} ({levels[sev].ack})"
            for sev in lvl.severities
            if sev in levels and levels[sev].ack and parse_duration(lvl.after) > parse_duration(levels[sev].ack)
        ]
        if late:
            yield report(
                ONCALL,
                ("escalation", i, "after"),
                f"{lvl.role} is paged {lvl.after} after an unacknowledged page, later than the acknowledge SLA of "
                + ", ".join(late),
            )


@rule(
    "OWN001",
    "error",
    "a scenario's owner is the primary owner of its incident type in the matrix",
    "The alert's team label follows the scenario's owner: an owner other than the matrix's primary pages the "
    "wrong team, and the page and the matrix disagree on who answers.",
    "set owner to the incident type's primary in matrix.yaml (or change the matrix, if ownership moved)",
)
def owner_is_primary(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    rows = {t.id: (i, t.primary) for i, t in enumerate(cat.matrix.incident_types)}
    matrix = cat.file(F.MATRIX)
    for sid, sc in cat.scenarios.items():
        i, want = rows.get(sc.incident_type, (None, None))
        if want and sc.owner != want:
            # either place may be the one edited (the owner, or the matrix row): said at both, each naming the other
            owner, row = (cat.source[sid], ("owner",)), (matrix, ("incident_types", i, "primary"))
            owner_at, row_at = (f"{file}:{cat.where(file, path)[0]}" for file, path in (owner, row))
            message = f"{sid} is owned by {sc.owner}, but the primary for {sc.incident_type} is {want} ({row_at})"
            yield report(*owner, message, f"set owner: {want} (the matrix's primary), or change the matrix")
            message = (
                f"{sc.incident_type}'s primary is {want}, but its scenario {sid} is owned by {sc.owner} ({owner_at})"
            )
            yield report(
                *row, message, f"set primary: {sc.owner} (the scenario's owner), or change the scenario's owner"
            )


@rule(
    "OWN002",
    "error",
    "a matrix row names a party once: its primary, its secondary and its escalation are different parties",
    "The secondary owner is who is brought in beside the primary, and the escalation who is brought in after "
    "them: a party named twice brings in nobody, and the party the row used to name is no longer paged.",
    "name another team or role as the secondary (or in the escalation), or drop the repeated one",
)
def owners_differ(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, t in enumerate(cat.matrix.incident_types):
        if t.secondary == t.primary:
            yield report(
                F.MATRIX, ("incident_types", i, "secondary"), f"{t.id}'s secondary is its primary, {t.primary}"
            )
        for j, party in enumerate(t.escalation):
            if party in (t.primary, t.secondary) or party in t.escalation[:j]:
                yield report(
                    F.MATRIX, ("incident_types", i, "escalation", j), f"{t.id}'s escalation names {party} again"
                )


@rule(
    "ESC006",
    "error",
    "the escalation levels are numbered 1, 2, 3… in the order they are written",
    "The oncall page and the people reading it say 'level 3'; a number skipped, repeated or out of order names a "
    "level that does not exist, or two people at once.",
    "number the levels 1, 2, 3… from the top of the escalation list",
)
def levels_numbered(ctx: CheckContext, report: Reporter):
    for i, lvl in enumerate(ctx.catalog.oncall.escalation):
        if lvl.level != i + 1:
            message = f"level {lvl.level} ({lvl.role}) is escalation level {i + 1} in the order written"
            yield report(ONCALL, ("escalation", i, "level"), message)
            return  # the first one off: the numbers after it follow from fixing it
