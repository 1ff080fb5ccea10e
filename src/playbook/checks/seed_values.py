"""Checker rule on the values the seed gives and no decision changed: each field holds the seed's number or channel."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import durations
from playbook.data import files as F
from playbook.data.decided import lock
from playbook.data.seed import seed_text

# A number as the seed writes it, with the comparison before it and the unit after it: ">30 min", "5 minutes",
# "(>2x baseline)", "60" (a count, or a time whose unit its key names: `windowSeconds: 60`)
_NUMBER = re.compile(r"([<>]=?|[≤≥])?\s*(\d+(?:\.\d+)?)\s*(%|x\b|ms\b|[a-z]+)?", re.IGNORECASE)
_SECONDS = {"ms": 0.001, "s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600, "hour": 3600}
_SECONDS |= {"d": 86400, "day": 86400, "w": 604800, "week": 604800}
_OPS = {"≥": ">=", "≤": "<="}
_HEADING = re.compile(r"^(#+)\s")


@dataclass(frozen=True)
class Said:
    """A value as one seed line says it: its kind (time in seconds, %, x or a count), value, comparison, line."""

    kind: str
    value: float | str  # a channel's names, joined by spaces
    op: str | None
    line: int
    text: str


def _unit(word: str) -> tuple[str, float] | None:
    """(kind, factor) of a unit word: "minutes" is a time of 60 s each, "%" a share, "x" a multiple."""
    low = word.lower()
    if low in ("%", "x"):
        return low, 1.0
    for name in (low, low.rstrip("s")):
        if name in _SECONDS:
            return "time", _SECONDS[name]
    return None


def said_after(text: str, start: int, line: int, unit_word: str = "") -> Said | None:
    """The first number in `text` from `start`, with its unit (else the unit that ends `unit_word`, as
    `windowSeconds` names seconds; else a count)."""
    for m in _NUMBER.finditer(text, start):
        op, number, unit = m.groups()
        got = _unit(unit) if unit else None
        if got is None:
            tail = re.search(r"(seconds|minutes|hours|ms)$", unit_word, re.IGNORECASE)
            got = _unit(tail.group(1)) if tail else ("count", 1.0)
        kind, factor = got
        return Said(kind, float(number) * factor, _OPS.get(op, op), line, text.strip())
    return None


def _sections(seed: str) -> dict[str, list[tuple[int, str]]]:
    """The seed's lines under each heading, by the heading's first word ("SEV-1"), numbered from 1."""
    out: dict[str, list[tuple[int, str]]] = {}
    key = ""
    for n, text in enumerate(seed.splitlines(), 1):
        if _HEADING.match(text):
            words = text.lstrip("#").replace(":", " ").split()
            key = words[0] if words else ""
            continue
        out.setdefault(key, []).append((n, text))
    return out


def _word_from(lines: list[tuple[int, str]], prefix: str) -> Said | None:
    """The value after the first word of `lines` that starts with `prefix` ("ack": "Acknowledge within 5 minutes";
    "window": "windowSeconds: 60")."""
    word = re.compile(rf"\b{re.escape(prefix)}\w*", re.IGNORECASE)
    for n, text in lines:
        if m := word.search(text):
            return said_after(text, m.end(), n, m.group(0))
    return None


def _phrase_from(lines: list[tuple[int, str]], phrase: str) -> Said | None:
    """The value after `phrase` on the line of `lines` that writes it ("Compliance violation (… >30 min)")."""
    for n, text in lines:
        k = text.lower().find(phrase.lower())
        if phrase and k >= 0:
            return said_after(text, k + len(phrase), n)
    return None


_CHANNEL = re.compile(r"#[\w\[\]-]+")


def _channel_said(lines: list[tuple[int, str]], kind: str) -> Said | None:
    """The channels the line of `lines` that says an action's words says it in ("Post hourly updates to #incidents"
    for post_updates), as one value: the names, joined."""
    words = [re.compile(rf"\b{re.escape(w)}", re.IGNORECASE) for w in kind.split("_")]
    for n, text in lines:
        if all(w.search(text) for w in words) and (names := _CHANNEL.findall(text)):
            return Said("channel", " ".join(names), None, n, text.strip())
    return None


_SIGNAL_UNITS = {"%": ("%", 1.0), "x": ("x", 1.0), "min": ("time", 60.0), "ms": ("time", 0.001)}


def _seconds(value: object) -> float | None:
    try:
        return durations.seconds(str(value))
    except ValueError:
        return None  # the loader refuses it, at its line


def seed_values(cat, seed: str) -> Iterator[tuple[F.DataFile, tuple, str, float, str, str | None, Said]]:
    """(file, path, what, the data's value in the seed's kind, as written, its comparison, what the seed says) of
    each value the seed gives for a level's clock, threshold and channel, a rate limit, the shift's rotation and the
    seed's own date."""
    sections = _sections(seed)
    for i, lv in enumerate(cat.severities.levels):
        lines = sections.get(lv.id, [])
        for name in ("ack", "resolve"):
            value = getattr(lv, name)
            if value and (said := _word_from(lines, name)) and said.kind == "time":
                yield F.SEVERITIES, ("levels", i, name), f"{lv.id}'s {name}", _seconds(value), value, None, said
        for j, c in enumerate(lv.conditions):
            unit = _SIGNAL_UNITS.get(cat.signals[c.signal].unit)
            if unit is None or c.op == "is" or (said := _phrase_from(lines, c.wording)) is None:
                continue
            if said.kind == unit[0]:
                what = f"{lv.id}'s {c.wording!r} threshold"
                path = ("levels", i, "conditions", j, "value")
                yield F.SEVERITIES, path, what, c.value * unit[1], f"{c.value:g}", c.op, said
        for j, act in enumerate(lv.response):
            if (said := _channel_said(lines, act.kind)) and act.channel in cat.channels:
                name = cat.channels[act.channel].name
                path = ("levels", i, "response", j, "channel")
                yield F.SEVERITIES, path, f"{lv.id}'s {act.kind} channel", name, name, None, said
    rotation = cat.oncall.shift.rotation  # the shift's rotation ("**Shift:** 7 days rotation", set 26's M39)
    shift = [(n, t) for n, t in enumerate(seed.splitlines(), 1) if re.match(r"\W*shift\W", t, re.IGNORECASE)]
    if (said := _word_from(shift[:1], "shift")) and said.kind == "time":
        yield (
            F.ONCALL,
            ("shift", "rotation"),
            "the on-call shift's rotation",
            _seconds(rotation),
            str(rotation),
            None,
            said,
        )
    code = list(enumerate(seed.splitlines(), 1))
    for n, text in code:  # the seed's own date ("**Last Updated:** January 14, 2026", set 26's M41)
        if m := re.search(r"Last Updated:\W*([A-Z][a-z]+ \d{1,2}, \d{4})", text):
            day, mine = datetime.strptime(m.group(1), "%B %d, %Y").date(), cat.meta.seed_last_updated
            yield (
                F.META,
                ("seed_last_updated",),
                "seed_last_updated",
                mine,
                str(mine),
                None,
                Said("date", day, None, n, text.strip()),
            )
    for i, lim in enumerate(cat.data.rate_limits):
        lines = [(n, t[t.index(f"{lim.id}:") :]) for n, t in code if re.search(rf"\b{lim.id}:", t)]
        for name, value in (("requests", lim.requests), ("window", lim.window)):
            said = _word_from(lines[:1], name)
            got = _seconds(value) if said and said.kind == "time" else value
            if said and isinstance(got, int | float) and not isinstance(got, bool):
                yield F.CATALOG, ("rate_limits", i, name), f"rate limit {lim.id}'s {name}", got, str(value), None, said


@rule(
    "DEC016",
    "error",
    "a level's clock, threshold or channel, a rate limit, the shift's rotation or the seed's date, that the seed "
    "gives holds the seed's value, unless a decision fixes it",
    "The seed is the team's policy: SEV-1 is acknowledged within 5 minutes, audit logging down over 30 minutes is "
    "critical, sign-in is limited to 5 requests a minute. A value typed otherwise (10m, 3, 60m) renders on every "
    "page, alert and route, and nothing says the policy changed: DEC002 guards only the values a decision fixes.",
    "put the seed's value back, or, if the team decided otherwise, record it in decisions.yaml (a decision whose "
    "fixes: names the field) and run `playbook revisit D-…`",
)
def seed_values_kept(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    seed = seed_text(cat.project)
    if not seed:
        return
    decided = {(v.file, v.path) for vs in lock(cat).values.values() for v in vs}
    where = cat.project.rel(cat.project.seed)
    for file, path, what, value, shown, op, said in seed_values(cat, seed):
        name = cat.file(file)
        if (name, path) in decided:
            continue
        op_differs = said.op is not None and op is not None and said.op != op
        kept = value == said.value or said.kind == "channel" and value in str(said.value).split()
        if kept and not op_differs:
            continue
        message = f"{what} is {op + ' ' if op_differs else ''}{shown}, but the seed says {said.text!r} "
        message += f"({where}:{said.line}), and no decision fixes it"
        yield report(file, path if not op_differs or value != said.value else (*path[:-1], "op"), message)
