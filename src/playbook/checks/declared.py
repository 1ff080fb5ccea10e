"""Checker rule on a level's declaration: the action it names (page, notify, ticket) and whom, as its response does."""

from __future__ import annotations

import re
from typing import get_args

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.model import Action
from playbook.data.spelling import words
from playbook.data.stems import stem

_NEGATION = {"no", "not", "never", "don", "dont", "without", "nobody"}
_SENTENCE = re.compile(r"[.;:!?]|, (?:then|and|or|but) ")


def _kinds() -> dict[tuple[str, ...], str]:
    """Each response kind (the field's own choices) as the stemmed words that say it: page, notify, post updates."""
    return {tuple(stem(w) for w in k.split("_")): k for k in get_args(Action.model_fields["kind"].annotation)}


def _parties(cat) -> dict[tuple[str, ...], str]:
    """The stemmed words that name a role (its name, its id, the part of its name in brackets: primary) or a team
    (its name, its id), and the role that stands for it (a team: its lead)."""
    out = {}
    for r in cat.roles.values():
        inner = re.findall(r"\(([^)]*)\)", r.name)
        for text in (r.name, r.id, *inner, re.sub(r"\([^)]*\)", " ", r.name)):
            if ws := tuple(stem(w) for w in words(text)):
                out.setdefault(ws, r.id)
    for t in cat.teams.values():
        for text in (t.name, t.id):
            if ws := tuple(stem(w) for w in words(text)):
                out[ws] = t.lead if t.lead in cat.roles else t.id
    return out


def _find(seq: tuple, table: dict) -> list[tuple[int, str]]:
    """(position, value) of each entry of `table` whose words occur in `seq`, longest first, without overlaps."""
    found, taken = [], set()
    for key in sorted(table, key=len, reverse=True):
        for k in range(len(seq) - len(key) + 1):
            span = set(range(k, k + len(key)))
            if seq[k : k + len(key)] == key and not span & taken:
                found.append((k, table[key]))
                taken |= span
    return sorted(found)


def declared_actions(cat, text: str) -> list[tuple[str, str | None]]:
    """(kind, role or None) of each action a declaration says to take, a negated one left out."""
    kinds, parties, out = _kinds(), _parties(cat), []
    for sentence in _SENTENCE.split(text):
        seq = tuple(stem(w) for w in words(sentence))
        if set(seq) & _NEGATION:
            continue
        verbs, named = _find(seq, kinds), _find(seq, parties)
        for n, (at, kind) in enumerate(verbs):
            upto = verbs[n + 1][0] if n + 1 < len(verbs) else len(seq)
            whom = [p for pos, p in named if at < pos < upto]
            out += [(kind, p) for p in whom] or [(kind, None)]
    return out


@rule(
    "SEV008",
    "error",
    "a level's declaration says the actions of its response: the kind it names (page, notify, ticket) toward whom",
    "The declaration is the line a responder reads first ('Page engineering manager immediately'); one that says "
    "'notify' where the response pages, or 'page the primary' on a level that only notifies, sends the responder "
    "to do what the router, the route tests and `playbook who` do not.",
    "make the declaration say what the level's response does (or change the response, and the route tests)",
)
def declared(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, level in enumerate(cat.severities.levels):
        done = {(a.kind, a.role) for a in level.response}
        for kind, role in declared_actions(cat, level.declare):
            # a kind alone, or toward a team with no lead role (not known yet): the kind is enough
            loose = role is None or role not in cat.roles
            if (kind, role) in done or (loose and any(k == kind for k, _ in done)):
                continue
            whom = f" {cat.party_name(role)}" if role else ""
            has = ", ".join(sorted({f"{k} {r}" if r else k for k, r in done})) or "nothing"
            message = f"{level.id}'s declaration says to {kind}{whom}, but its response does: {has}"
            yield report(F.SEVERITIES, ("levels", i, "declare"), message)
