"""Checker rule on the responsibility matrix restated in prose: a party named as a type's primary, secondary or
escalation is the matrix row's."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.implied_levels import words
from playbook.checks.said_levels import with_seeds
from playbook.data.markup import text_roots

_FIELD = r"(?P<field>primary|secondary|escalation|owners?)"
# "the matrix escalation (the CTO)", "the matrix's secondary (Backend Team)"
_LISTED = re.compile(
    rf"\bmatrix(?:'s)?\s+(?:[\w-]+\s+){{0,2}}?{_FIELD}(?:\s+[\w-]+){{0,3}}?\s*\((?P<who>[^()]+)\)", re.I
)
# "The CTO is the secondary owner of a breach"
_IS = re.compile(
    rf"\b(?P<who>[\w()-]+(?:\s+[\w()-]+){{0,2}})\s+(?:is|are)\s+(?:the\s+)?(?:matrix(?:'s)?\s+)?{_FIELD}"
    rf"(?:\s+(?:owner|team))?\s+(?:of|for)\s+(?P<of>(?:an?\s+|the\s+)?[\w-]+(?:\s+[\w-]+)?)",
    re.I,
)
_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s+or\s+")


def parties(cat) -> dict[str, str]:
    """Each role's and team's id and name, lower case, to its id ("the cto" and "cto" both to cto)."""
    out = {}
    for p in [*cat.contacts.roles, *cat.contacts.teams]:
        out[p.id.lower()] = p.id
        out[p.name.lower()] = p.id
    return out


def _who(cat, text: str) -> list[str] | None:
    """The ids of the parties a phrase lists ("the CTO", "legal-team and the Board"); None if one is no party."""
    known = parties(cat)
    out = []
    for part in _SPLIT.split(text.strip()):
        name = re.sub(r"^(?:the|a|an)\s+", "", part.strip(), flags=re.I).lower()
        if name not in known:
            return None
        out.append(known[name])
    return out


def _row(cat, model, path: tuple, of: str | None):
    """The matrix row a text speaks of: the type its words name ("a breach": Security breach), else its item's
    `type:` or `incident_type:` (a route test's)."""
    rows = cat.matrix.incident_types
    if of:
        said = words(of) - {"a", "an", "the"}
        found = [r for r in rows if said and said <= words(r.name) | words(r.id)]
        if len(found) == 1:
            return found[0]
    node = model
    for key in path[:-1]:
        node = node[key] if isinstance(node, list | dict) else getattr(node, key, None)
    tid = getattr(node, "type", None) or getattr(node, "incident_type", None)
    return next((r for r in rows if r.id == tid), None)


def _holds(row, field: str) -> list[str]:
    if field.startswith("owner"):
        return [row.primary, row.secondary]
    value = getattr(row, field)
    return list(value) if isinstance(value, list) else [value]


@rule(
    "OWN006",
    "error",
    "a party a text names as an incident type's matrix primary, secondary or escalation ('the matrix escalation "
    "(the CTO)', 'the CTO is the secondary owner of a breach') is the one matrix.yaml gives that type",
    "Route tests are worked out by hand from their why, and a page's sentence is read instead of the matrix: naming "
    "the wrong party as the matrix escalation (the CTO, who comes from the escalation path, for the engineering "
    "manager) drops the right one from the next expectation or the next page.",
    "name the party matrix.yaml gives the type in that field, or say where the party comes from",
)
def matrix_party_said(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    models = dict(text_roots(cat))
    for file, path, text in with_seeds(cat):
        for pat in (_LISTED, _IS):
            for m in pat.finditer(text):
                who = _who(cat, m["who"])
                if not who:
                    continue
                field = m["field"].lower().rstrip("s") if m["field"].lower() != "owners" else "owners"
                row = _row(cat, models[file], path, m.groupdict().get("of"))
                if row is None and pat is _IS:
                    continue  # "X is the primary of ..." names its type, or says nothing checkable
                rows = [row] if row else cat.matrix.incident_types  # no type: the field across the matrix
                holds = list(dict.fromkeys(p for r in rows for p in _holds(r, field)))
                name = row.name if row else "any incident type"
                if wrong := [p for p in who if p not in holds]:
                    message = (
                        f"{m.group(0)!r}: matrix.yaml gives {name} the {field} {', '.join(holds)}, "
                        f"not {', '.join(wrong)}"
                    )
                    yield report(file, path, message, needle=m["who"].strip())
