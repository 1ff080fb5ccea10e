"""The data fields a number typed into prose may copy, each with the template that renders it (FACT001's hint)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from playbook.data import durations
from playbook.data.quantities import NUMBER_WORDS

_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_WORDS = {"twice": 2, "double": 2, "thrice": 3, "triple": 3, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class FactField:
    kind: str  # duration, percent, multiple or count
    value: float  # seconds for a duration
    template: str  # renders it as a sentence says it (5 minutes, > 20% and ≤ 50%, 10)
    compact: str = ""  # renders a duration as the data writes it (5m), when a template can
    shown: str = ""  # the value as the data holds it


def typed(text: str) -> tuple[str, float, bool] | None:
    """(kind, value, written compactly like 5m) of a fact FACT001 found typed, e.g. '10 minutes', '2x', 'twice'."""
    low = text.lower().strip()
    if low in _WORDS:
        return "multiple", _WORDS[low], False
    number = _NUMBER.match(low)
    first = low.split()[0]
    value = float(number.group(0)) if number else float(_WORDS.get(first, NUMBER_WORDS.get(first, 0)))
    rest = low[number.end() :] if number else low[len(first) :]
    unit = rest.strip()
    if unit == "%":
        return "percent", value, False
    if unit == "x" or unit == "times":
        return "multiple", value, False
    if unit in ("requests", "attempts", "calls", "retries"):
        return "count", value, False
    if unit[:1] in _SECONDS:
        return "duration", value * _SECONDS[unit[0]], not rest.startswith(" ") and len(unit) == 1
    return None


def fact_fields(cat) -> list[FactField]:
    """Every threshold, duration, multiple and count of the data that a template renders, with that template."""
    out: list[FactField] = []

    def duration(expr: str, value: str | None, words: str = "") -> None:
        if value and value != "ack-sla":
            out.append(FactField("duration", durations.seconds(value), words or f"duration({expr})", expr, value))

    for lvl in cat.severities.levels:
        for name in ("ack", "resolve"):
            duration(f"level('{lvl.id}').{name}", getattr(lvl, name))
        duration(f"level('{lvl.id}').update_every", lvl.update_every, f"cadence('{lvl.id}')")
        for c in lvl.conditions:
            unit = cat.signals[c.signal].unit
            kind = {"%": "percent", "x": "multiple"}.get(unit)
            if kind and c.op != "is":
                for v in (c.value, c.upto):
                    if v is not None:
                        shown = f"{v:g}{unit}"
                        out.append(FactField(kind, float(v), f"condition('{lvl.id}', '{c.signal}')", "", shown))
    for role in dict.fromkeys(e.role for e in cat.oncall.escalation):
        duration(f"escalation('{role}').after", next(e.after for e in cat.oncall.escalation if e.role == role))
    for metric in cat.data.metrics:
        duration(f"metric('{metric.name}').window", metric.window)
    for lim in cat.data.rate_limits:
        duration(f"limits.{lim.id}.window", lim.window)
        if isinstance(lim.requests, int):
            out.append(FactField("count", lim.requests, f"limits.{lim.id}.requests", "", str(lim.requests)))
    duration("router.group_wait", cat.alerts.router.group_wait)
    duration("router.group_interval", cat.alerts.router.group_interval)
    for alert in cat.alerts.alerts:
        duration(f"alert('{alert.title}').for_", alert.for_)
    for rid, rb in {**cat.procedures, **cat.scenarios}.items():
        duration(f"runbook('{rid}').target", getattr(rb, "target", None))
        for name, value in rb.params.items():
            duration(f"runbook('{rid}').params.{name}", value)
    return out


def suggestions(fields: list[FactField], text: str, related: set[str], limit: int = 3) -> tuple[bool, list[str]]:
    """(whether they copy it exactly, the templates of the fields `text` copies (the same value and unit), else of
    the nearest ones of its unit (within a factor of 3), as `{{ template }}`, each with its value, at most `limit`);
    a field whose template names one of `related` (the runbook, its alerts, the item's metrics) comes first."""
    got = typed(text)
    if got is None:
        return False, []
    kind, value, compact = got

    def apart(f: FactField) -> bool:
        return not any(f"'{r}'" in f.template for r in related)

    same = [f for f in fields if f.kind == kind]
    exact = sorted((f for f in same if f.value == value), key=apart)
    near = sorted(
        (f for f in same if value > 0 and f.value > 0 and 1 / 3 <= f.value / value <= 3 and f.value != value),
        key=lambda f: (apart(f), abs(f.value - value) / value),
    )
    shown = (f"{{{{ {f.compact if compact and f.compact else f.template} }}}} ({f.shown})" for f in exact or near)
    return bool(exact), list(dict.fromkeys(shown))[:limit]
