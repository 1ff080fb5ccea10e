"""Checker rule on how long a text says a rate limit refuses: the limit's own window (RATE005)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.limit_texts import _beside
from playbook.checks.markup import _finding_at
from playbook.data import quantities as Q
from playbook.data.durations import seconds
from playbook.data.markup import free_strings
from playbook.data.walk import blocks

# "refused sign-in for the next hour", "locked out for 15 minutes", "rate-limited for another minute": a refusal and
# the span it is said to last (a bare unit after "the next", "another": one of it)
_UNIT_ORDER = sorted((u for u, (d, _) in Q.UNITS.items() if d == "time" and len(u) > 1), key=len, reverse=True)
_REFUSAL = re.compile(
    r"\b(?:refused|blocked|locked\s+out|rate[- ]limited|throttled|(?:answers?|gets?|returns?)\s+429)\b[^.;:]*?"
    rf"\bfor\s+(?:the\s+next\s+|another\s+|a\s+further\s+)?(?:(?P<n>{Q._NUM})[\s-]*)?"
    rf"(?P<u>{'|'.join(map(re.escape, _UNIT_ORDER))})\b",
    re.IGNORECASE,
)


def refusal_spans(text: str) -> list[tuple[float, int, str]]:
    """(seconds, offset, as written) of each span a text says a refusal lasts ("refused … for the next hour")."""
    out = []
    for m in _REFUSAL.finditer(text):
        n = Q.number(m["n"]) if m["n"] else 1.0
        out.append((n * Q.UNITS[m["u"].lower()][1], m.start("n") if m["n"] else m.start("u"), m.group(0)))
    return out


def _about(cat) -> list[tuple[str, tuple, str, set[str]]]:
    """(file, path, text, ids of the rate limits it is about) of each text that names a limit ("the AUTH rate
    limit"), stands beside an endpoint a limit applies to (RATE004's texts) or is the text of a step (an option)
    whose blocks call one."""
    ids = "|".join(re.escape(lim.id) for lim in cat.data.rate_limits)
    named = re.compile(
        rf"\b(?P<a>{ids})\s+rate[- ]limit\b|\brate[- ]limit (?:of|for) (?P<b>{ids})\b|limits\.(?P<c>{ids})\b"
    )
    limit_of = {e.id: e.rate_limit for e in cat.data.endpoints}
    out = {(f, p): (t, {limit_of[e] for e in eps if limit_of[e]}) for f, p, t, eps in _beside(cat)}
    paths = {e.id: re.compile(rf"{re.escape(e.path)}(?![\w/-])") for e in cat.data.endpoints}
    steps: dict[tuple, set[str]] = {}  # a step's (an option's) text is about the limits of what its blocks call
    for file, path, b in blocks(cat):
        called = {limit_of[e] for e, pat in paths.items() if limit_of[e] and pat.search(b.code)}
        steps.setdefault((file, (*path[:-2], "text")), set()).update(called)
    for file, path, text in free_strings(cat):
        limits = {m["a"] or m["b"] or m["c"] for m in named.finditer(text)} if ids else set()
        limits |= steps.get((file, path), set())
        if limits:
            out.setdefault((file, path), (text, set()))[1].update(limits)
    return [(f, p, t, lims) for (f, p), (t, lims) in out.items() if lims]


@rule(
    "RATE005",
    "error",
    'a text that says how long a rate limit refuses ("refused sign-in for the next hour") says the limit\'s window',
    "A rate limit refuses until its window ends (catalog.yaml: 60s for AUTH). A text that says the refusal lasts an "
    "hour makes the responder wait an hour before testing again, or ask to lift a block that does not exist.",
    "say the limit's window, or 'until the window ends'",
)
def refusal_lasts_the_window(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    window = {lim.id: lim.window for lim in cat.data.rate_limits}
    for file, path, text, limits in _about(cat):
        for span, at, written in refusal_spans(text):
            if any(seconds(window[lim]) == span for lim in limits):
                continue
            own = ", ".join(f"{lim} {window[lim]}" for lim in sorted(limits))
            message = f"the text says a refusal lasts {span:g}s ({written!r}), but the window of the limit is {own}"
            yield _finding_at(cat, report, file, path, text, at, message)
