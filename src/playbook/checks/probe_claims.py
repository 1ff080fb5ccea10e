"""Checker rule ALR017: a health probe whose help says it answers for the database fails in the database's drill."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F

_DATABASE = re.compile(r"(?i)\b(?:database|db)\b")
# Faults that take the database away (the drills' stand-in answers as the app does with no readable database)
_DB_DOWN = frozenset({"db_corrupt"})


def failing_without_database(cat) -> set[str] | None:
    """The endpoints the drills of a database fault see failing (5xx); None when no drill injects one."""
    faults = []
    for sc in cat.scenarios.values():
        drill = getattr(sc, "drill", None)
        if drill is None:
            continue
        faults += [drill.fault, *(v.fault for v in drill.variants)]
    down = [f for f in faults if f.kind in _DB_DOWN]
    if not down:
        return None
    return {p.endpoint for f in down for p in f.symptoms if p.status >= 500}


@rule(
    "ALR017",
    "error",
    "an endpoint whose help says it answers for the database (catalog.yaml) is one the database fault's drill sees "
    "failing; the drill's probes of a database fault are the facts of which endpoint reports it",
    "The endpoint's help is what a responder reads to choose the probe to check: a liveness probe whose help says "
    '"its database answers" gets 200 while the database is down (only readiness answers 503, as database-down\'s '
    "symptom and drill read), and the responder concludes the database is fine.",
    "say in the help what the endpoint checks (the process), and leave the database to the probe that fails with it",
)
def probe_claims_database(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    failing = failing_without_database(cat)
    if not failing:
        return
    probes = {m.probe for m in cat.data.metrics if getattr(m, "probe", None)}  # health probes, not the API's writes
    for i, ep in enumerate(cat.data.endpoints):
        if ep.id in probes and ep.id not in failing and _DATABASE.search(ep.help or ""):
            shown = ", ".join(sorted(failing))
            msg = f"{ep.id}'s help says it answers for the database, but the database fault's drill sees only "
            msg += f"{shown} fail"
            yield report(F.CATALOG, ("endpoints", i, "help"), msg)
