"""Every id one data file names in another, in one table, resolved by one lookup (LOAD005, with the choices).

The loader runs it before anything else uses the data, so no layer meets an unknown id: a severity, a
role or team, a channel, an incident type, a scenario or procedure, an endpoint, a rate limit, a signal,
a decision, a chat command or a search concept named anywhere is either in its list or reported at its line, with the
valid ids. (alerts.yaml's scenario and condition are resolved by `alerts.prometheus.resolve`, which
reports them the same way as ALR004; its router decision and the business hours' are ALR006's.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from playbook.data import files as F
from playbook.data.suggest import closest
from playbook.data.walk import step_blocks
from playbook.errors import Problem, dotted

RULE = "LOAD005"
TBD = "TBD"

# kind -> (what the message calls it, where the valid ids live, the valid ids of a catalog)
KINDS: dict[str, tuple[str, str, Callable]] = {
    "severity": ("severity level", "severities.yaml levels", lambda c: [s.id for s in c.severities.levels]),
    "party": ("role or team", "contacts.yaml", lambda c: [r.id for r in c.contacts.roles + c.contacts.teams]),
    "role": ("role", "contacts.yaml roles", lambda c: [r.id for r in c.contacts.roles]),
    "channel": ("channel", "oncall.yaml channels", lambda c: [x.id for x in c.oncall.channels]),
    "incident_type": ("incident type", "matrix.yaml", lambda c: [x.id for x in c.matrix.incident_types]),
    "scenario": ("scenario", f"{F.SCENARIOS.name}/", lambda c: list(c.scenarios)),
    "procedure": ("procedure", f"{F.PROCEDURES.name}/", lambda c: list(c.procedures)),
    "endpoint": ("endpoint", "catalog.yaml endpoints", lambda c: [e.id for e in c.data.endpoints]),
    "rate_limit": ("rate limit", "catalog.yaml rate_limits", lambda c: [x.id for x in c.data.rate_limits]),
    "signal": ("signal", "severities.yaml signals", lambda c: [s.id for s in c.severities.signals]),
    "decision": ("decision", "decisions.yaml", lambda c: [d.id for d in c.decisions.decisions]),
    "chat": ("chat command", "catalog.yaml chat_commands", lambda c: [x.name for x in c.data.chat_commands]),
    "concept": ("search concept", "search.yaml concepts", lambda c: [x.id for x in c.search.concepts]),
    "safe": ("shared safe: reason", "catalog.yaml safe_reasons", lambda c: [x.id for x in c.data.safe_reasons]),
}

Ref = tuple[str, str, tuple, str | None]  # kind, file, path of raw keys, the id named (None: none)


def _decision(file: str, path: tuple, item) -> Iterator[Ref]:
    yield "decision", file, (*path, "decision"), getattr(item, "decision", None)


def references(cat) -> Iterator[Ref]:
    """Every reference of the data (alerts.yaml aside, see the module docstring)."""
    sev, oc, ct, mx, cg, inc, rt = (
        cat.file(f) for f in (F.SEVERITIES, F.ONCALL, F.CONTACTS, F.MATRIX, F.CATALOG, F.INCIDENT, F.ROUTES)
    )
    for i, x in enumerate(cat.meta.placeholders):
        yield from _decision(cat.file(F.META), ("placeholders", i), x)
    for i, x in enumerate(cat.meta.links):
        yield from _decision(cat.file(F.META), ("links", i), x)
    for i, lvl in enumerate(cat.severities.levels):
        yield from _decision(sev, ("levels", i), lvl)
        for j, c in enumerate(lvl.conditions):
            yield "signal", sev, ("levels", i, "conditions", j, "signal"), c.signal
            yield from _decision(sev, ("levels", i, "conditions", j), c)
        for j, a in enumerate(lvl.response):
            yield "party", sev, ("levels", i, "response", j, "role"), a.role
            yield "channel", sev, ("levels", i, "response", j, "channel"), a.channel
            yield from _decision(sev, ("levels", i, "response", j), a)
    yield "party", oc, ("shift", "role"), cat.oncall.shift.role
    yield "channel", oc, ("shift", "contact_channel"), cat.oncall.shift.contact_channel
    for i, r in enumerate(cat.oncall.responsibilities):
        for j, ch in enumerate(r.channels):
            yield "channel", oc, ("responsibilities", i, "channels", j), ch
        yield from _decision(oc, ("responsibilities", i), r)
    for i, e in enumerate(cat.oncall.escalation):
        yield "party", oc, ("escalation", i, "role"), e.role
        for j, s in enumerate(e.severities):
            yield "severity", oc, ("escalation", i, "severities", j), s
        yield from _decision(oc, ("escalation", i), e)
    for i, t in enumerate(cat.contacts.teams):
        yield "role", ct, ("teams", i, "lead"), None if t.lead == TBD else t.lead
        yield "channel", ct, ("teams", i, "channel"), None if t.channel == TBD else t.channel
    for i, it in enumerate(cat.matrix.incident_types):
        yield "party", mx, ("incident_types", i, "primary"), it.primary
        yield "party", mx, ("incident_types", i, "secondary"), it.secondary
        for j, p in enumerate(it.escalation):
            yield "party", mx, ("incident_types", i, "escalation", j), p
    for key in ("endpoints", "rate_limits", "chat_commands", "feature_flags"):
        for i, x in enumerate(getattr(cat.data, key)):
            yield from _decision(cg, (key, i), x)
    for i, e in enumerate(cat.data.endpoints):
        yield "rate_limit", cg, ("endpoints", i, "rate_limit"), e.rate_limit
    for i, m in enumerate(cat.data.metrics):
        yield "endpoint", cg, ("metrics", i, "probe"), m.probe
    yield from _decision(cg, ("log_format",), cat.data.log_format)
    for i, f in enumerate(cat.data.log_format.fields):
        yield from _decision(cg, ("log_format", "fields", i), f)
    for i, bet in enumerate(cat.search.bets):
        for j, concept in enumerate(bet.when):
            yield "concept", cat.file(F.SEARCH), ("bets", i, "when", j), concept
    for i, step in enumerate(cat.incident.declaration_steps):
        yield "chat", inc, ("declaration_steps", i, "chat"), step.chat
    pm = cat.incident.postmortem
    yield "party", inc, ("postmortem", "owner"), pm.owner
    if pm.public_holidays:
        yield from _decision(inc, ("postmortem", "public_holidays"), pm.public_holidays)
    for i, s in enumerate(pm.required_for):
        yield "severity", inc, ("postmortem", "required_for", i), s
    for i, f in enumerate(pm.fields):
        yield from _decision(inc, ("postmortem", "fields", i), f)
    for i, sec in enumerate(pm.sections):
        for j, f in enumerate(sec.fields):
            yield from _decision(inc, ("postmortem", "sections", i, "fields", j), f)
    for i, t in enumerate(cat.routes.tests):
        yield "severity", rt, ("tests", i, "severity"), t.severity
        yield "incident_type", rt, ("tests", i, "type"), t.type
        for j, p in enumerate(t.expect):
            yield "party", rt, ("tests", i, "expect", j), p
    for file, rb in cat.runbook_files():
        yield from _runbook(file, rb)


def _runbook(file: str, rb) -> Iterator[Ref]:
    yield "party", file, ("owner",), rb.owner
    yield from _decision(file, (), rb)
    if hasattr(rb, "incident_type"):
        yield "severity", file, ("severity",), rb.severity
        yield "incident_type", file, ("incident_type",), rb.incident_type
        for i, s in enumerate(rb.symptoms):
            yield "endpoint", file, ("symptoms", i, "endpoint"), s.endpoint
    for i, step in enumerate(rb.steps):
        for j, w in enumerate(step.who):
            yield "party", file, ("steps", i, "who", j), w
        for where, b in step_blocks(step):
            if isinstance(b.safe, str):
                yield "safe", file, ("steps", i, *where, "safe"), b.safe
    drill = getattr(rb, "drill", None)
    if drill:
        for i, p in enumerate(drill.follow):
            yield "procedure", file, ("drill", "follow", i), p
        for i, v in enumerate(drill.variants):
            for j, p in enumerate(v.follow or []):
                yield "procedure", file, ("drill", "variants", i, "follow", j), p
        for i, p in enumerate(drill.fault.symptoms):
            yield "endpoint", file, ("drill", "fault", "symptoms", i, "endpoint"), p.endpoint
        for i, s in enumerate(drill.steps):
            yield "procedure", file, ("drill", "steps", i, "runbook"), s.runbook
            for j, p in enumerate(s.expect.after):
                yield "endpoint", file, ("drill", "steps", i, "expect", "after", j, "endpoint"), p.endpoint


def listed(ids: list[str]) -> str:
    """The valid ids as a hint lists them: the first twelve, then how many there are in all."""
    return ", ".join(ids[:12]) + (f" … ({len(ids)} in all)" if len(ids) > 12 else "")


def unknown_refs(cat) -> list[Problem]:
    """LOAD005 for every id named that is not in its list, located, with the closest valid id (if one is
    clearly closest) and the valid ids as the hint."""
    valid = {kind: spec[2](cat) for kind, spec in KINDS.items()}
    known = {kind: set(ids) for kind, ids in valid.items()}
    out = []
    for kind, file, path, value in references(cat):
        if value is None or value in known[kind]:
            continue
        name, where, _ = KINDS[kind]
        ids = valid[kind]
        choices = listed(ids)
        hint = f"use one of {choices}" if ids else f"add one to {where}"
        guess = closest(value, ids)
        message = f"no {name} {value!r} in {where}" + (f"; did you mean {guess}?" if guess else "")
        out.append(Problem(file, *cat.where(file, path), RULE, message, hint, dotted(path)))
    return out + missing_steps(cat)


def missing_steps(cat) -> list[Problem]:
    """LOAD005 for every drill step (of the drill or a variant) that names a step, or a shell block of a step, its
    runbook does not have: the drill would fail on a step nobody wrote, or prove a block other than the one meant."""
    runbooks = {**cat.procedures, **cat.scenarios}
    out = []
    for sid, sc in cat.scenarios.items():
        if sc.drill is None:
            continue
        file = cat.source[sid]
        groups = [(("drill",), sc.drill.steps)]
        groups += [(("drill", "variants", i), v.steps) for i, v in enumerate(sc.drill.variants)]
        for at, steps in groups:
            for i, s in enumerate(steps):
                rid = s.runbook or sid
                rb, path = runbooks.get(rid), (*at, "steps", i)
                if rb is None:
                    continue  # an unknown runbook is reported above
                if s.step > len(rb.steps):
                    message, hint = (
                        f"no step {s.step} in {rid}: it has {len(rb.steps)} steps",
                        "number its steps from 1",
                    )
                    out.append(Problem(file, *cat.where(file, (*path, "step")), RULE, message, hint, dotted(path)))
                    continue
                shells = sum(b.kind == "shell" for _, b in step_blocks(rb.steps[s.step - 1]))
                if s.block > max(shells, 1):
                    message = f"no shell block {s.block} in step {s.step} of {rid}: it has {shells}"
                    where = cat.where(file, (*path, "block"))
                    hint = "number the step's shell blocks from 1, in the page's order"
                    out.append(Problem(file, *where, RULE, message, hint, dotted((*path, "block"))))
    return out
