"""What the route tests, taken together, pin down: when each escalation level joins, and who a test's why names."""

from __future__ import annotations

import re
from datetime import timedelta

from playbook.data import files as F
from playbook.data.catalog import Catalog
from playbook.data.durations import parse_duration
from playbook.incident.routes import schedule

PIN = timedelta(minutes=1)  # the widest window that pins a time: a test a minute before it and one at it


def _matrix_parties(cat: Catalog, incident_type: str | None) -> set[str]:
    """Every party the matrix row of `incident_type` names (they may join by the row, not by the path)."""
    row = next((x for x in cat.matrix.incident_types if x.id == incident_type), None)
    return {row.primary, row.secondary, *row.escalation} if row else set()


def pinned_times(cat: Catalog, fact_of) -> list[tuple[tuple, str]]:
    """(fact, message) of each escalation level's joining time that lies outside the window its route tests pin.

    A test of a severity that expects the level's role says it has joined by then; one that leaves it out, that it
    has not (an acknowledged test, for a level that waits for the acknowledgement, and a test whose matrix row
    names the role say nothing). The tests agree on a window (latest "not yet", earliest "joined"]; a pair written
    at the boundary, a minute apart, pins the time: two witnesses. A time the data gives outside that window moved,
    not the tests. A wider window pins nothing, and one edited test there is the test's ROUTE001 alone.
    """
    levels, out = {s.id for s in cat.severities.levels}, []
    for i, lvl in enumerate(cat.oncall.escalation):
        for sev in lvl.severities:
            if sev not in levels or (lvl.after == "ack-sla" and not cat.level(sev).ack):
                continue
            before, after = _window(cat, lvl, sev)
            if before is None or after is None or not timedelta(0) < after[0] - before[0] <= PIN:
                continue  # not pinned, or the tests disagree among themselves: the tests' ROUTE001
            at = next((c.at for c in schedule(cat, sev) if c.party == lvl.role), None)
            if at is None or before[0] < at <= after[0]:
                continue
            said = "the acknowledge SLA" if lvl.after == "ack-sla" else "after:"
            message = (
                f"{sev}'s {lvl.role} joins at {_span(at)} ({said}), but the route tests pin it to "
                f"{_span(after[0])}: not yet in at {_span(before[0])} ({F.ROUTES.name}:{before[1]}), "
                f"in at {_span(after[0])} ({F.ROUTES.name}:{after[1]})"
            )
            out.append((fact_of(i, sev), message))
    return out


def _window(cat: Catalog, lvl, sev: str) -> tuple[tuple | None, tuple | None]:
    """((latest elapsed, its line) of a test without the role, (earliest elapsed, its line) of one with it)."""
    before = after = None
    for n, t in enumerate(cat.routes.tests):
        if t.severity != sev or (t.acknowledged and lvl.only_if_unacknowledged):
            continue
        if lvl.role in _matrix_parties(cat, t.type):
            continue
        elapsed, line = parse_duration(t.elapsed), cat.where(cat.file(F.ROUTES), ("tests", n))[0]
        if lvl.role in t.expect:
            after = min(after or (elapsed, line), (elapsed, line))
        else:
            before = max(before or (elapsed, line), (elapsed, line))
    return before, after


def _span(d: timedelta) -> str:
    minutes = int(d.total_seconds() // 60)
    return f"{minutes // 60}h{minutes % 60:02d}m" if minutes >= 60 else f"{minutes}m"


def named_in_why(cat: Catalog, party: str, why: str | None) -> bool:
    """Whether a route test's why names `party`: its id, or its name, as words (`the board`, `Legal Team`)."""
    if not why:
        return False
    names = {party, party.replace("-", " "), cat.party_name(party)}
    return any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", why, re.I) for n in names if n)
