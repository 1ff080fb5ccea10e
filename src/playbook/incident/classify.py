"""Severity classification: parse observed signals as people type them and match the levels' conditions."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from playbook.data import files as F
from playbook.data.catalog import Catalog
from playbook.data.durations import compact, parse_duration
from playbook.data.model import Condition, Severity, Signal

_NUM = r"(\d+(?:\.\d+)?|\.\d+)"

# How a value of each unit may be typed: (what it is, examples). Parse errors, --help and the site quote it.
INPUT_FORMATS = {
    "%": ("a percentage from 0% to 100%, or a fraction", "35% or 0.35"),
    "x": ("a multiple of the baseline", "2.5x"),
    "min": ("a duration", "40m or 1h30m"),
    "ms": ("milliseconds", "600 or 600ms"),
}


def _bad(sig: Signal, text: str) -> ValueError:
    what, example = INPUT_FORMATS[sig.unit]
    return ValueError(f"{flag(sig)} {text!r}: write {what} such as {example}")


def flag(sig: Signal) -> str:
    return "--" + sig.id.replace("_", "-")


def typed(sig: Signal, value: float) -> str:
    """`value` as a person types it in the signal's unit (35%, 2.5x, 40m, 600ms): what parse_signal reads back."""
    if sig.unit == "min":
        return compact(timedelta(minutes=value)) or f"{value:g}m"
    return f"{value:g}{sig.unit}"


def parse_signal(sig: Signal, text: str) -> float:
    """A value in the signal's unit: `35%`/`0.35` (percent), `2.5x`, `40m`/`1h30m` (minutes), `600ms`."""
    s = str(text).strip().lower().replace(" ", "")
    if sig.unit == "%":  # a share: from 0% to 100%, never more (`135%` is a typo, not a worse outage)
        m = re.fullmatch(_NUM + "%", s)
        if m and float(m.group(1)) <= 100:
            return float(m.group(1))
        m = re.fullmatch(_NUM, s)
        if m and float(m.group(1)) <= 1:
            return float(m.group(1)) * 100
        raise _bad(sig, text)
    if sig.unit == "x":
        m = re.fullmatch(_NUM + "x?", s)
        if m:
            return float(m.group(1))
        raise _bad(sig, text)
    if sig.unit == "min":
        try:
            return parse_duration(s).total_seconds() / 60
        except ValueError:
            raise _bad(sig, text) from None
    if sig.unit == "ms":
        m = re.fullmatch(_NUM + "(ms)?", s)
        if m:
            return float(m.group(1))
        raise _bad(sig, text)
    raise ValueError(f"{flag(sig)}: a switch, it takes no value")


def holds(cond: Condition, value: float | bool) -> bool:
    if cond.op == "is":
        return value is cond.value
    if isinstance(value, bool) or isinstance(cond.value, bool):
        return False
    ok = {
        ">": value > cond.value,
        ">=": value >= cond.value,
        "<": value < cond.value,
        "<=": value <= cond.value,
    }[cond.op]
    return ok and (cond.upto is None or value <= cond.upto)


@dataclass
class Match:
    level: Severity
    cond: Condition
    index: tuple[int, int]  # (level index, condition index) in severities.yaml
    value: float | bool
    line: int
    col: int


@dataclass
class Result:
    observed: dict[str, float | bool]
    matches: list[Match] = field(default_factory=list)

    @property
    def levels(self) -> list[Severity]:
        seen: dict[str, Severity] = {}
        for m in self.matches:
            seen.setdefault(m.level.id, m.level)
        return sorted(seen.values(), key=lambda s: s.rank)

    @property
    def severity(self) -> Severity | None:
        return self.levels[0] if self.levels else None


def classify(cat: Catalog, observed: dict[str, float | bool]) -> Result:
    """Every condition the observed signals satisfy; the highest matching level wins."""
    res = Result(observed)
    for i, level in enumerate(cat.severities.levels):
        for j, cond in enumerate(level.conditions):
            if cond.signal in observed and holds(cond, observed[cond.signal]):
                line, col = cat.where(cat.file(F.SEVERITIES), ("levels", i, "conditions", j))
                res.matches.append(Match(level, cond, (i, j), observed[cond.signal], line, col))
    return res


def describe(cond: Condition, sig: Signal) -> str:
    if cond.op == "is":
        return f"{sig.name}"
    unit = {"%": "%", "x": "x", "min": " min", "ms": " ms"}.get(sig.unit, "")
    text = f"{sig.name} {cond.op} {cond.value:g}{unit}"
    return text + (f" (up to {cond.upto:g}{unit})" if cond.upto is not None else "")


def shown(value: float | bool, sig: Signal) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    unit = {"%": "%", "x": "x", "min": " min", "ms": " ms"}.get(sig.unit, "")
    return f"{value:g}{unit}"


def matching_scenarios(cat: Catalog, res: Result) -> list[str]:
    """Scenario ids whose symptom metrics cover a matched signal's metric."""
    metrics = {cat.signals[m.cond.signal].metric for m in res.matches} - {None}
    out = []
    for sid, sc in cat.scenarios.items():
        pats = [p for s in sc.symptoms for p in s.metrics]
        if any(fnmatch.fnmatchcase(m, p) for m in metrics for p in pats):
            out.append(sid)
    return out


def stamp(t: datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M %Z").strip()


def _action(cat: Catalog, a) -> str:
    words = {
        "page": "page",
        "notify": "notify",
        "create_channel": "create the incident channel",
        "investigate": "investigate",
        "post_updates": "post updates",
        "fix": "fix",
        "ticket": "ticket",
    }
    if a.text:
        return a.text
    out = words[a.kind] + (f" {cat.party_name(a.role)}" if a.role else "") + (f" {a.when}" if a.when else "")
    return out


def report(cat: Catalog, res: Result, started: datetime, locations: bool = True) -> str:
    """The text `playbook classify` prints; with `locations`, each matched condition's YAML file:line:col
    (for an editor; the site's worked example leaves them out, so a comment line added to the data
    does not change a page or the runbooks extracted from it)."""
    from playbook.data.addresses import scenario_uri
    from playbook.incident.routes import schedule

    sev = res.severity
    if sev is None:
        return "No severity level matches these signals: no incident by the playbook's definitions.\n"
    out = [f"Severity: {sev.id} ({sev.name})"]
    if len(res.levels) > 1:
        others = ", ".join(lv.id for lv in res.levels[1:])
        out.append(f"Several levels match ({sev.id}, {others}): the highest, {sev.id}, wins.")
    out.append("Matched conditions:")
    for m in res.matches:
        sig = cat.signals[m.cond.signal]
        where = f"  [{cat.file(F.SEVERITIES)}:{m.line}:{m.col}]" if locations else ""
        out.append(f"  {m.level.id}: {m.cond.wording}: {describe(m.cond, sig)}, observed {shown(m.value, sig)}{where}")
    out.append("Response:")
    out += [f"  - {_action(cat, a)}" for a in sev.response]
    out.append(f"  - declare: {sev.declare}")
    out.append(f"SLA clock (started {stamp(started)}):")
    if sev.ack:
        out.append(f"  acknowledge by {stamp(started + parse_duration(sev.ack))} ({sev.ack})")
    if sev.resolve:
        out.append(f"  resolve by     {stamp(started + parse_duration(sev.resolve))} ({sev.resolve})")
    if sev.update_every:
        out.append(f"  updates every  {sev.update_every}")
    if sev.sla_note:
        out.append(f"  {sev.sla_note}")
    contacts = [c for c in schedule(cat, sev.id) if c.at.days < 3650]
    out.append("Notify:")
    if not contacts:
        out.append("  nobody is paged for this level")
    for c in contacts:
        cond = " (only if the primary has not acknowledged)" if c.conditional else ""
        out.append(f"  {c.name}: at {stamp(started + c.at)}, {c.reason}{cond}")
    scen = matching_scenarios(cat, res)
    out.append("Runbooks:" + ("" if scen else " no scenario runbook matches these signals"))
    out += [f"  Scenario {cat.scenarios[s].number}: {cat.scenarios[s].title} ({scenario_uri(s)})" for s in scen]
    return "\n".join(out) + "\n"


def report_data(cat: Catalog, res: Result, started: datetime) -> dict:
    """What `playbook classify --format json` prints: the same facts as `report`, for chat bots and scripts."""
    from playbook.data.addresses import scenario_uri
    from playbook.incident.routes import reach, schedule

    sev = res.severity
    if sev is None:
        return {"severity": None, "matches": [], "started": started.isoformat()}

    def at(duration: str | None) -> str | None:
        return (started + parse_duration(duration)).isoformat() if duration else None

    contacts = [c for c in schedule(cat, sev.id) if c.at.days < 3650]
    return {
        "severity": sev.id,
        "name": sev.name,
        "levels_matching": [lv.id for lv in res.levels],
        "matches": [
            {
                "level": m.level.id,
                "signal": m.cond.signal,
                "condition": describe(m.cond, cat.signals[m.cond.signal]),
                "observed": m.value,
                "source": f"{cat.file(F.SEVERITIES)}:{m.line}:{m.col}",
            }
            for m in res.matches
        ],
        "response": [_action(cat, a) for a in sev.response],
        "declare": sev.declare,
        "started": started.isoformat(),
        "acknowledge_by": at(sev.ack),
        "resolve_by": at(sev.resolve),
        "update_every": sev.update_every,
        "notify": [
            {
                "party": c.party,
                "name": c.name,
                "at": (started + c.at).isoformat(),
                "only_if_unacknowledged": c.conditional,
                **reach(cat, c.party),
            }
            for c in contacts
        ],  # fmt: skip
        "runbooks": [scenario_uri(s) for s in matching_scenarios(cat, res)],
    }
