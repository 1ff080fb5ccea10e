"""Checker rule on identities: a value the schema marks `x-identity` names one item of its list, never two."""

from __future__ import annotations

import re
from collections import defaultdict

from pydantic import BaseModel

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.identity import model_lists
from playbook.data.markup import text_roots
from playbook.data.model import TBD

_WORD = re.compile(r"[a-z0-9]+")


def identity_fields(model: type[BaseModel]) -> list[tuple[str, str]]:
    """(attribute, YAML key) of each field of `model` its schema marks as an identity."""
    return [
        (name, f.alias or name)
        for name, f in model.model_fields.items()
        if isinstance(f.json_schema_extra, dict) and f.json_schema_extra.get("x-identity")
    ]


def _words(*texts) -> set[str]:
    return {w for t in texts if isinstance(t, str) for w in _WORD.findall(t.lower())}


def _referent_words(cat, value: str) -> set[str]:
    """The words of the value and of the defined thing it names by id (a channel, a role, a team)."""
    words = _words(value)
    for table in (cat.channels, cat.roles, cat.teams):
        if (thing := table.get(value)) is not None:
            words |= _words(*(getattr(thing, k, None) for k in ("id", "name", "purpose")))
    return words


@rule(
    "OWN003",
    "error",
    "a value the schema marks as an identity (a team's channel, a role's Slack handle, a channel's name) is one item's",
    "Two teams given one Slack channel get each other's alerts, and the router gives both one receiver: the "
    "security team's breach alerts land with the backend team. A channel, a handle names one party.",
    "give the item its own value (TBD while it is unknown); the finding is on the item whose id and name least "
    "match the value",
)
def identities(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, model in text_roots(cat):
        for path, items in model_lists(model):
            for attr, key in identity_fields(type(items[0])):
                holders = defaultdict(list)
                for i, item in enumerate(items):
                    value = getattr(item, attr, None)
                    if isinstance(value, str) and value != TBD:
                        holders[value].append(i)
                for value, idx in holders.items():
                    if len(idx) < 2:
                        continue
                    named = _referent_words(cat, value)
                    score = {
                        i: len(named & _words(getattr(items[i], "id", None), getattr(items[i], "name", None)))
                        for i in idx
                    }
                    best = max(score.values())
                    for i in idx:
                        if score[i] < best or len(set(score.values())) == 1:
                            others = [getattr(items[j], "id", j) for j in idx if j != i]
                            ident = getattr(items[i], "id", i)
                            message = f"{ident}'s {key} {value!r} is also {', '.join(map(str, others))}'s"
                            yield report(file, (*path, i, key), message)
