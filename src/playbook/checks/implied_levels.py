"""Checker rules on levels the ladder implies elsewhere: a runbook's incident type, the levels to declare at."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.mentions import named_levels
from playbook.data import files as F

SEV = F.SEVERITIES


def words(text: str) -> set[str]:
    """The words of a name, lower case, a plural's s dropped (`Auth failures` and `auth failure spike` share two)."""
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in re.findall(r"[a-z0-9]+", text.lower())}


def implied_levels(cat, type_name: str) -> set[str]:
    """The levels whose conditions name the incident type `type_name`: every word of it in a condition's signal
    name or wording (`Security breach`: SEV-1's `security breach detected`); empty when the ladder names it nowhere."""
    signals = {s.id: s.name for s in cat.severities.signals}
    want = words(type_name)
    return {
        lv.id
        for lv in cat.severities.levels
        for c in lv.conditions
        if want and want <= words(signals.get(c.signal, "")) | words(c.wording)
    }


@rule(
    "SEV011",
    "error",
    "a runbook's severity is a level the ladder gives its incident type, when a condition of the ladder names it",
    "The ladder says how severe an incident of a type it names is (a security breach is a SEV-1 condition); a "
    "runbook of that type at another level tells the responder the clock, the pages and the channel of the wrong "
    "level, while `playbook classify` gives the other.",
    "give the runbook the level whose condition names its incident type, or the incident type it is about",
)
def runbook_level_of_type(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    types = {t.id: t for t in cat.matrix.incident_types}
    for sid, sc in cat.scenarios.items():
        it = types.get(sc.incident_type)
        implied = implied_levels(cat, it.name) if it else set()
        if not implied or sc.severity in implied:
            continue
        # which side moved: a runbook titled for its incident type kept its type, so its severity is the edit
        about_type = words(it.name) & (words(sc.title) | words(sc.id))
        field = "severity" if about_type else "incident_type"
        message = (
            f"{sc.id} is {sc.severity}, but its incident type {it.name!r} is a {'/'.join(sorted(implied))} "
            f"condition of the ladder"
        )
        yield report(cat.source[sid], (field,), message)


@rule(
    "SEV012",
    "error",
    "the levels incident.yaml's when_to_declare names are the levels whose response creates an incident channel",
    "Declaring an incident is creating its channel (the first declaration step): a level whose response creates a "
    "channel but that when_to_declare leaves out tells the responder that its alerts need no incident, and one it "
    "names whose response creates none asks for an incident the ladder never opens.",
    "name in when_to_declare exactly the levels whose response has create_channel (or change the ladder)",
)
def declare_levels(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    said = [(k, named_levels(cat, t)) for k, t in enumerate(cat.incident.when_to_declare)]
    said = [(k, n) for k, n in said if n]
    if not said:
        return
    named = {s for _, n in said for s in n}
    creating = {lv.id for lv in cat.severities.levels if any(a.kind == "create_channel" for a in lv.response)}
    if named == creating:
        return
    order = [lv.id for lv in cat.severities.levels]
    show = ", ".join(sorted(named, key=order.index))
    if named == set(cat.incident.postmortem.required_for):
        # the declaration agrees with the post-mortem policy: the ladder's response is the edit
        for i, lv in enumerate(cat.severities.levels):
            if lv.id in named - creating:
                yield report(
                    SEV,
                    ("levels", i, "response"),
                    f"{lv.id} creates no incident channel, yet "
                    f"when_to_declare and the post-mortem policy name it ({show})",
                )
            for j, act in enumerate(lv.response):
                if lv.id in creating - named and act.kind == "create_channel":
                    yield report(
                        SEV,
                        ("levels", i, "response", j),
                        f"{lv.id} creates an incident channel, yet "
                        f"when_to_declare and the post-mortem policy name only {show}",
                    )
        return
    wanted = ", ".join(sorted(creating, key=order.index)) or "none"
    message = f"when_to_declare names {show}, but the levels whose response creates an incident channel are {wanted}"
    yield report(F.INCIDENT, ("when_to_declare", said[0][0]), message)
