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


def _beside(cat: Catalog) -> list[tuple[str, tuple, str, set[str]]]:
    """(file, path, text, ids of the endpoints it is about) of each text an endpoint is beside: a text that types
    the endpoint's path; a block's own safe: reason, about the endpoints its code calls; a shared safe: reason,
    about those every block that names it calls."""
    from playbook.data.walk import blocks

    eps = {e.id: re.compile(rf"{re.escape(e.path)}(?![\w/-])") for e in cat.data.endpoints}

    def called(code: str) -> set[str]:
        return {e for e, pat in eps.items() if pat.search(code)}

    out, shared = [], {}
    for file, path, b in blocks(cat):
        if isinstance(b.safe, str):
            shared.setdefault(b.safe, set()).update(called(b.code))
        elif b.safe is not None:
            out.append((file, (*path, "safe", "why"), b.safe.why, called(b.code)))
    for i, reason in enumerate(cat.data.safe_reasons):
        out.append((cat.file(F.CATALOG), ("safe_reasons", i, "why"), reason.why, shared.get(reason.id, set())))
    done = {(f, p) for f, p, *_ in out}
    for file, path, text in free_strings(cat):
        if (file, path) not in done and (named := called(text)):
            out.append((file, path, text, named))
    return out


@rule(
    "RATE004",
    "error",
    "a text that names a rate limit beside an endpoint names that endpoint's own (its rate_limit in the catalog)",
    "A test request's reason says which limit it spends ('counts one request against the AI rate limit'): the "
    "limit is the endpoint's rate_limit in the catalog. A text that names another class (WRITE for generate-note, "
    "limited by AI) sends the reader to the wrong limit when the requests start answering 429.",
    "name the limit the endpoint's rate_limit in the catalog gives, or call the endpoint that limit applies to",
)
def limit_beside_endpoint(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    ids = "|".join(re.escape(lim.id) for lim in cat.data.rate_limits)
    if not ids:
        return
    # "the AI rate limit", "rate limit of AI", limits.AI: a rate limit named by its id. RATE003's pattern lets words
    # stand between the id and "rate limit" ("AI draft … rate limit"); here the id must be the limit's own name.
    named = re.compile(
        rf"\b(?P<a>{ids})\s+rate[- ]limit\b|\brate[- ]limit (?:of|for) (?P<b>{ids})\b|limits\.(?P<c>{ids})\b"
    )
    limit_of = {e.id: e.rate_limit for e in cat.data.endpoints}
    for file, path, text, eps in _beside(cat):
        own = {limit_of[e] for e in eps if limit_of[e]}
        if not own:
            continue  # no endpoint beside it has a limit of its own: which one the text means is unsaid
        for m in named.finditer(text):
            said = m["a"] or m["b"] or m["c"]
            if said not in own:
                which = ", ".join(sorted(f"{e} by {limit_of[e]}" for e in eps if limit_of[e]))
                message = (
                    f"the text names the {said} rate limit beside an endpoint the catalog limits otherwise ({which})"
                )
                yield _finding_at(cat, report, file, path, text, m.start(m.lastgroup), message)
