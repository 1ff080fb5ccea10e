"""Checker rule on the number texts set a rate limit to ("change the AI rate limit to 0"): they agree."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.data import files as F
from playbook.data.catalog import Catalog
from playbook.data.markup import free_strings

# "change the AI rate limit to 0", "sets it to 0": the number a text sets a limit to (zero is no NUMBER_WORDS entry:
# there "a" is 1, and "to zero" is how a limit is switched off)
_SET_TO = re.compile(
    r"\b(?:sets?|setting|changes?|changed|changing|lowers?|lowered|raises?|raised|limit(?:ed|s)?|drops?)\b"
    r"[^.;:]*?\bto\s+(?P<n>\d+(?:\.\d+)?|zero|one|two|three|four|five|ten)\b",
    re.IGNORECASE,
)
_SMALL = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}
_CLAUSE = re.compile(r"[^.;!?\n]+")


def _set_to(cat: Catalog) -> dict[str, list[tuple[float, str, tuple, str, int]]]:
    """Per rate limit id: (number, file, path, text, offset) of each clause that sets the limit to a number: a clause
    that names it as a rate limit (the AI rate limit, limits.AI), or any clause of the decision its row cites."""
    decisions = {d.id: k for k, d in enumerate(cat.decisions.decisions)}
    out: dict[str, list] = {}
    for lim in cat.data.rate_limits:
        name = re.escape(lim.id)
        about = re.compile(rf"\b{name}\b[\w\s]*\brate[- ]limit|\brate[- ]limit (?:of|for) {name}\b|limits\.{name}\b")
        own = ("decisions", decisions[lim.decision]) if lim.decision in decisions else None
        for file, path, text in free_strings(cat):
            whole = own is not None and file == cat.file(F.DECISIONS) and path[:2] == own
            for clause in _CLAUSE.finditer(text):
                if not whole and not about.search(clause.group()):
                    continue
                for m in _SET_TO.finditer(clause.group()):
                    n = float(_SMALL.get(m["n"].lower(), m["n"]))
                    out.setdefault(lim.id, []).append((n, file, path, text, clause.start() + m.start("n")))
    return out


@rule(
    "RATE003",
    "error",
    "the texts that set a rate limit to a number (switched off: 0) agree on it",
    "An option's text, its code's comment and the decision behind it each say what the limit is set to ('change the "
    "AI rate limit to 0'); one that says another number (1 still lets a call through every window) tells the "
    "responder to do something else than the others, and the one that differs from two others is the one retyped.",
    "write the number the other texts set the limit to, or change them all",
)
def limit_set_alike(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for lim, said in _set_to(cat).items():
        counts: dict[float, int] = {}
        for n, *_ in said:
            counts[n] = counts.get(n, 0) + 1
        top = max(counts, key=counts.get)
        if counts[top] < 2 or list(counts.values()).count(counts[top]) > 1:
            continue  # no number two texts agree on, or a tie: which one moved is unsaid
        for n, file, path, text, at in said:
            if n != top:
                message = f"the text sets the {lim} rate limit to {n:g}, but {counts[top]} others set it to {top:g}"
                yield _finding_at(cat, report, file, path, text, at, message)
