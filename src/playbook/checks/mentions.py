"""Checker rules on defined things named inside free text: a severity level named by its id or name, business hours."""

from __future__ import annotations

import calendar
import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.markup import data_strings


def level_patterns(cat) -> dict[str, re.Pattern]:
    """Each level's id (any case, `SEV-2`, `sev 2`, `SEV2`) or its name as written (`HIGH`: the capitals make
    it the level's name, not the adjective), as a whole word."""

    def build():
        out = {}
        for lv in cat.severities.levels:
            prefix, _, num = lv.id.partition("-")
            ident = rf"(?i:{re.escape(prefix)}[- ]?{re.escape(num)})" if num else re.escape(lv.id)
            out[lv.id] = re.compile(rf"(?<![\w-])(?:{ident}|{re.escape(lv.name)})(?![\w-])")
        return out

    return cat.memoized(("level patterns",), build)


def named_levels(cat, text: str) -> list[str]:
    return [sev for sev, pat in level_patterns(cat).items() if pat.search(text)]


def _scope(cat, model, path: tuple) -> tuple[set[str] | None, tuple]:
    """The levels the item enclosing `path` is about (its `severities:`, its `severity:`, or the level itself),
    innermost first, and the path of the field that says so; (None, ()) when no item on the way is scoped."""
    levels = {lv.id for lv in cat.severities.levels}
    scope, where, node = None, (), model
    for i, key in enumerate(path):
        here = path[:i]
        sevs = getattr(node, "severities", None)
        sev = getattr(node, "severity", None)
        if isinstance(sevs, list) and all(isinstance(s, str) for s in sevs):
            scope, where = set(sevs), (*here, "severities")
        elif isinstance(sev, str) and sev in levels:
            scope, where = {sev}, (*here, "severity")
        elif getattr(node, "id", None) in levels and hasattr(node, "declare"):
            scope, where = {node.id}, (*here, "id")
        try:
            node = node[key] if isinstance(node, list | dict) else getattr(node, key)
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    return scope, where


@rule(
    "ESC007",
    "error",
    "a text that names a severity level (by id or name) names one its item is about (`severities:`, `severity:`)",
    "An escalation level whose trigger reads 'HIGH or CRITICAL' while its severities are [SEV-1] tells the page "
    "that the manager is paged for SEV-2, while the router, the route tests and `playbook who` never page them.",
    "name only the levels of the item's `severities:` (or `severity:`) in its text, or change that list",
)
def levels_named_in_scope(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    roots = {}
    for file, path, text in data_strings(cat):
        if not path or not isinstance(path[-1], str) or not (named := named_levels(cat, text)):
            continue
        if file not in roots:
            roots.update(_roots(cat))
        model = roots.get(file)
        if model is None:
            continue
        scope, where = _scope(cat, model, path)
        if scope is None:
            continue
        if stray := [s for s in named if s not in scope]:
            names = ", ".join(f"{s} ({cat.level(s).name})" for s in stray)
            yield report(file, path, f"{text.strip()[:60]!r} names {names}, but the item is about {sorted(scope)}")
        elif path[-1] == "trigger" and (unnamed := sorted(scope - set(named))):
            message = f"the trigger {text.strip()[:60]!r} names {named} alone, but the level serves {unnamed} too"
            yield report(file, where, message)


def _roots(cat) -> dict:
    from playbook.data.markup import text_roots

    return dict(text_roots(cat))


# The words that put a level's handling inside or outside the working week, as its texts say it.
_OFFICE = re.compile(r"\b(?:business|office|working|normal) (?:hours|days)\b|\bin hours\b", re.I)
_ANY_TIME = re.compile(
    r"\b(?:day (?:or|and) night|night (?:or|and) day|24/7|24x7|round[- ]the[- ]clock|around the clock|any ?time"
    r"|at night|overnight|nights?|weekends?|out[- ]of[- ]hours|after[- ]hours|off[- ]hours"
    r"|whatever the (?:hour|time))\b",
    re.I,
)


_CLOCK = re.compile(r"\b([01]?\d|2[0-3])[:.h]([0-5]\d)\b")
_DAYS = re.compile(r"\b(" + "|".join(calendar.day_name) + r")s?\b", re.I)


def _outside_hours(bh, text: str) -> str | None:
    """A weekday or a time of day that `text` gives its business hours and oncall.yaml's business_hours do not."""
    for m in _DAYS.finditer(text):
        if m.group(1).lower() not in {d.lower() for d in bh.weekdays}:
            return m.group(0)
    for m in _CLOCK.finditer(text):
        if not bh.start <= f"{int(m.group(1)):02d}:{m.group(2)}" <= bh.end:
            return m.group(0)
    return None


def _hours_texts(level, i: int) -> list[tuple[tuple, str]]:
    base = ("levels", i)
    out = [((*base, "declare"), level.declare)]
    if level.sla_note:
        out.append(((*base, "sla_note"), level.sla_note))
    for j, act in enumerate(level.response):
        out += [((*base, "response", j, k), getattr(act, k)) for k in ("text", "when") if getattr(act, k)]
    return out


@rule(
    "SEV007",
    "error",
    "a level's texts agree on whether it is handled in business hours only, as its declaration (the router's) says",
    "The router mutes a level outside oncall.yaml's business hours when its declaration says 'Handle during "
    "business hours'; a declaration that pages 'day or night', or a fix 'within business hours' on a level the "
    "router pages at any time, tells the responder the opposite of what the pager does.",
    "make the level's declaration, response texts and SLA note say the same hours (the declaration is what the "
    "router reads)",
)
def level_hours(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, level in enumerate(cat.severities.levels):
        texts = _hours_texts(level, i)
        for p, t in texts:
            if _OFFICE.search(t) and (said := _outside_hours(cat.oncall.business_hours, t)):
                yield report(F.SEVERITIES, p, f"{level.id}'s business hours say {said!r}: not oncall.yaml's")
        office = [p for p, t in texts if _OFFICE.search(t)]
        anytime = [(p, t) for p, t in texts if _ANY_TIME.search(t)]
        if level.business_hours_only:
            for p, t in anytime:
                said = _ANY_TIME.search(t).group(0)
                yield report(F.SEVERITIES, p, f"{level.id} is handled in business hours only, but {said!r} is said")
        elif office:
            said = _OFFICE.search(dict(texts)[office[0]]).group(0)
            message = f"{level.id}'s {office[0][-1]} says {said!r}, but its declaration does not (the router pages it"
            yield report(F.SEVERITIES, texts[0][0], message + " at any hour)")
            for p, t in anytime:
                if p != texts[0][0]:
                    yield report(F.SEVERITIES, p, f"{t.strip()[:50]!r} contradicts {level.id}'s {said!r}")
