"""Checker rules that weigh the route tests against the facts they test, to name the fact an editor changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.route_pins import named_in_why, pinned_times
from playbook.data import files as F
from playbook.data.catalog import Catalog
from playbook.data.durations import parse_duration
from playbook.incident.routes import route

CONTACTING = ("page", "notify")  # the response actions that reach a role at declaration


@dataclass(frozen=True)
class Failure:
    """A route test that the data does not meet: its index, severity, and the parties it disagrees on."""

    index: int
    severity: str
    missing: frozenset[str]
    extra: dict[str, tuple]  # an unexpected party: the (file, path) of the fact that brought it in


def failures(cat: Catalog) -> list[Failure]:
    """The route tests of routes.yaml that fail (one with an unknown severity or type is ROUTE001's alone)."""

    def compute() -> list[Failure]:
        levels, types = {s.id for s in cat.severities.levels}, {x.id for x in cat.matrix.incident_types}
        out = []
        for i, t in enumerate(cat.routes.tests):
            if t.severity not in levels or (t.type and t.type not in types):
                continue
            contacts = route(cat, t.severity, parse_duration(t.elapsed), t.type, t.acknowledged)
            got = {c.party: _source(c, cat, t.severity) for c in contacts}
            missing = frozenset(t.expect) - set(got)
            extra = {p: src for p, src in got.items() if p not in t.expect}
            if missing or extra:
                out.append(Failure(i, t.severity, missing, extra))
        return out

    return cat.memoized(("route test failures",), compute)


def remedies(cat: Catalog, index: int) -> list[str]:
    """The inputs of failing route test `index` (elapsed, acknowledged) that, given another value alone, make it hold:
    the field an editor changed when the facts still agree with the expectation. Elapsed is tried at every time the
    path joins someone (an after:, an acknowledge SLA) and a minute before it, and at 0m."""

    def compute() -> list[str]:
        t = cat.routes.tests[index]
        want = set(t.expect)

        def holds(elapsed: timedelta, acknowledged: bool) -> bool:
            return {c.party for c in route(cat, t.severity, elapsed, t.type, acknowledged)} == want

        times = {timedelta(0)}
        for lvl in cat.oncall.escalation:
            joins = [s.ack for s in cat.severities.levels if s.ack] if lvl.after == "ack-sla" else [lvl.after]
            for d in map(parse_duration, joins):
                times |= {d, max(d - timedelta(minutes=1), timedelta(0))}
        out = []
        if any(holds(d, t.acknowledged) for d in sorted(times - {parse_duration(t.elapsed)})):
            out.append("elapsed")
        if holds(parse_duration(t.elapsed), not t.acknowledged):
            out.append("acknowledged")
        return out

    return cat.memoized(("route test remedies", index), compute)


def _source(c, cat: Catalog, sev: str) -> tuple:
    """The fact that brought a contact in: an escalation level that joins later than at declaration is there by
    its after: (shortened, it joins too early), or by its severity's ack: when it waits for the acknowledge SLA; one
    at declaration by its severities; a matrix owner by its field."""
    if c.source and c.source[0] is F.ONCALL and c.at.total_seconds() > 0:
        return _timing(cat, c.source[1][1], sev)
    return c.source


def _timing(cat: Catalog, i: int, sev: str) -> tuple:
    """The fact that sets when escalation level `i` joins for `sev`: its after:, or `sev`'s ack for ack-sla."""
    if cat.oncall.escalation[i].after == "ack-sla":
        k = next(k for k, s in enumerate(cat.severities.levels) if s.id == sev)
        return (F.SEVERITIES, ("levels", k, "ack"))
    return (F.ONCALL, ("escalation", i, "after"))


def _blamed(cat: Catalog, f: Failure) -> dict[tuple, frozenset[str]]:
    """The facts a failing test blames, each with the parties the test expected instead: the fact that brought
    in each unexpected party, and the escalation level of each missing role that no longer serves the severity."""
    out: dict[tuple, frozenset[str]] = {src: f.missing for src in f.extra.values() if src}
    for p in f.missing:
        for i, lvl in enumerate(cat.oncall.escalation):
            if lvl.role == p and f.severity not in lvl.severities:
                out[(F.ONCALL, ("escalation", i, "severities"))] = frozenset({p})
    return out


@rule(
    "ROUTE002",
    "error",
    "an escalation level or a matrix owner agrees with the route tests that exercise it",
    "The route tests are worked out by hand, one case each: a test edited on its own breaks alone, while a fact "
    "changed (a matrix row's secondary, an escalation level's severities) breaks every test that runs through it. "
    "Two tests that blame the same fact name the line the editor changed, not the tests; so do tests that pin "
    "when a level joins from both sides, and a test whose why names the party it expects.",
    f"set the fact back to what the tests expect, or, if the policy changed on purpose, rewrite each route test "
    f"named in {F.ROUTES.name}",
)
def fact_against_tests(ctx: CheckContext, report: Reporter):
    # A fact is reported when two or more failing route tests blame it: the tests are independent witnesses,
    # and one edited test cannot break another. One test alone cannot tell its own edit from the fact's: that
    # stays ROUTE001's, at the test (ESC005 weighs the severities' response for the escalation path).
    cat = ctx.catalog
    blame: dict[tuple, list[tuple[int, frozenset[str]]]] = {}
    for f in failures(cat):
        for fact, wanted in _blamed(cat, f).items():
            blame.setdefault(fact, []).append((f.index, wanted))
    for (file, path), tests in blame.items():
        if len(tests) < 2:
            continue
        lines = ", ".join(str(cat.where(cat.file(F.ROUTES), ("tests", i, "expect"))[0]) for i, _ in tests)
        wanted = sorted(frozenset.intersection(*(w for _, w in tests)))
        instead = f", which expect {', '.join(wanted)} instead" if wanted else ""
        message = f"{_fact(cat, path)} contradicts {len(tests)} route tests ({F.ROUTES.name}:{lines}){instead}"
        yield report(file, path, message)
    # The tests together pin when a level joins: a time outside their window moved (its after:, or the ack).
    said = {fact for fact, tests in blame.items() if len(tests) > 1}
    for (file, path), message in pinned_times(cat, lambda i, sev: _timing(cat, i, sev)):
        if (file, path) not in said:
            yield report(file, path, message)
    # One failing test that expects a party its why names too: two witnesses against the matrix row of its type.
    # So is one that expects a party the escalation path never brings in for its severity: only the row can (unless
    # route tests agree that the path's level of the party lost the severity, above). Not
    # when the test holds at another elapsed time or acknowledgement (ROUTE001 names that input).
    for f in failures(cat):
        t = cat.routes.tests[f.index]
        if not t.type or remedies(cat, f.index):
            continue
        on_path = _joined(cat, t)
        ever = {lvl.role for lvl in cat.oncall.escalation if t.severity in lvl.severities}
        ever |= {
            lvl.role
            for i, lvl in enumerate(cat.oncall.escalation)
            if (F.ONCALL, ("escalation", i, "severities")) in said
        }
        k = next(k for k, x in enumerate(cat.matrix.incident_types) if x.id == t.type)
        row = cat.matrix.incident_types[k]
        named = {row.primary, row.secondary, *row.escalation}  # a party the row names still: not the row's change
        for party in sorted(p for p in f.missing - on_path - named if p not in ever or named_in_why(cat, p, t.why)):
            line = cat.where(cat.file(F.ROUTES), ("tests", f.index))[0]
            message = f"{t.type}'s row no longer names {party}, which the route test at {F.ROUTES.name}:{line} expects"
            why = f", and its why says so: {t.why!r}" if named_in_why(cat, party, t.why) else ""
            never = "" if why else f"; the escalation path never brings {party} in for {t.severity}"
            yield report(F.MATRIX, ("incident_types", k), f"{message}{why}{never}")


def _joined(cat: Catalog, t) -> set[str]:
    """The roles the escalation path has brought in for route test `t` by its elapsed time: a party it does not
    have yet (the CTO at 0m) is one only the matrix row can bring in then."""
    elapsed = parse_duration(t.elapsed)
    level = next(s for s in cat.severities.levels if s.id == t.severity)
    out = set()
    for lvl in cat.oncall.escalation:
        if t.severity not in lvl.severities:
            continue
        if lvl.after == "ack-sla":
            if not t.acknowledged and level.ack and elapsed >= parse_duration(level.ack):
                out.add(lvl.role)
        elif elapsed >= parse_duration(lvl.after):
            out.add(lvl.role)
    return out


def _fact(cat: Catalog, path: tuple) -> str:
    """A blamed fact in words: `ai-failures's secondary (database-team)`, `escalation level 1's severities`."""
    if path[0] == "incident_types":
        row = cat.matrix.incident_types[path[1]]
        field = path[2] if len(path) == 3 else "escalation"
        value = getattr(row, path[2]) if len(path) == 3 else row.escalation[path[3]]
        return f"{row.id}'s {field} ({value})"
    if path[0] == "levels":
        level = cat.severities.levels[path[1]]
        return f"{level.id}'s acknowledge SLA ({level.ack})"
    lvl = cat.oncall.escalation[path[1]]
    return f"escalation level {lvl.level} ({lvl.role}) for {', '.join(lvl.severities)}"


@rule(
    "ESC005",
    "error",
    "the escalation path contacts at declaration only the roles its severity's response pages or notifies",
    "The response says who is reached the moment a level is declared (SEV-4: a ticket, nobody paged); an escalation "
    "level with after: 0m that serves the level pages someone the response, the router's ticket queue and the "
    "route tests say is left alone.",
    "drop the severity from the escalation level, or add the page (or notify) to the severity's response",
)
def path_matches_response(ctx: CheckContext, report: Reporter):
    # Which side changed: the route tests follow the escalation path, not the response. A failing route test of
    # the severity with the role unexpected says the path moved (reported at its severities entry); a passing one
    # that expects the role says the path still agrees with the tests, so the response moved (reported there, unless
    # ESC002 already names that response for a role the path does not contact); no test of it: both ends.
    cat = ctx.catalog
    levels = {s.id: (k, s) for k, s in enumerate(cat.severities.levels)}
    fails = failures(cat)
    failed = {f.index for f in fails}
    for i, lvl in enumerate(cat.oncall.escalation):
        if lvl.after == "ack-sla" or parse_duration(lvl.after).total_seconds() != 0:
            continue
        for j, sev in enumerate(lvl.severities):
            if sev not in levels:
                continue  # an unknown level is the loader's
            k, level = levels[sev]
            reached = {a.role for a in level.response if a.kind in CONTACTING and a.role}
            if lvl.role in reached:
                continue
            said = f"pages or notifies {', '.join(sorted(reached))}" if reached else "pages and notifies nobody"
            message = f"{lvl.role} is contacted at declaration for {sev}, but {sev}'s response {said}"
            path_moved = any(f.severity == sev and lvl.role in f.extra for f in fails)
            path_held = any(
                t.severity == sev and lvl.role in t.expect and n not in failed for n, t in enumerate(cat.routes.tests)
            )
            if not path_held or path_moved:
                yield report(F.ONCALL, ("escalation", i, "severities", j), message)
            if not path_moved and not _off_path(cat, sev, reached):
                yield report(F.SEVERITIES, ("levels", k, "response"), message)


def _off_path(cat: Catalog, sev: str, roles: set[str]) -> bool:
    """Whether the response reaches a role the path does not contact at declaration (ESC002 reports it there)."""
    at_once = {e.role for e in cat.oncall.escalation if sev in e.severities and e.after == "0m"}
    return bool(roles - at_once)
