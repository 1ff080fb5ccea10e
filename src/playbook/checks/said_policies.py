"""Checker rules on a policy's scope said in words: the levels a sentence gives a post-mortem are the policy's."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.mentions import level_patterns
from playbook.data.markup import prose_strings

_CLAUSES = re.compile(r"[.;:!?](?:\s|$)|\n")
_POSTMORTEM = re.compile(r"\bpost[- ]?mortems?\b|\bretro(?:spective)?s?\b", re.IGNORECASE)
# A clause that exempts rather than requires: "no post-mortem for SEV-3", "optional for SEV-4"
_EXEMPT = re.compile(
    r"\b(?:no|not|never|without|exempt\w*|optional|skip\w*|none|neither|nor|except|unless)\b|n't\b", re.IGNORECASE
)
_ONLY = re.compile(r"\b(?:only|just|alone|solely)\b", re.IGNORECASE)


def clauses(text: str) -> list[str]:
    return [c for c in _CLAUSES.split(text) if c.strip()]


def postmortem_scopes(cat, text: str) -> list[tuple[str, list[str], bool]]:
    """(clause, the levels it names in order, whether it says only them) of each clause of `text` that speaks of a
    post-mortem being held for levels ("a post-mortem for every incident, SEV-4 included"), not exempting them."""
    pats = level_patterns(cat)
    out = []
    for clause in clauses(text):
        if not _POSTMORTEM.search(clause) or _EXEMPT.search(clause):
            continue
        named = sorted(((m.start(), lv) for lv, p in pats.items() for m in p.finditer(clause)))
        if named:
            out.append((clause, list(dict.fromkeys(lv for _, lv in named)), bool(_ONLY.search(clause))))
    return out


@rule(
    "SLA007",
    "error",
    "a sentence that gives a post-mortem to levels ('a post-mortem for every incident, SEV-4 included') names only "
    "levels of incident.yaml's postmortem.required_for (all of them when it says only)",
    "postmortem.required_for is the policy: the Post-Mortem page, its due dates and the Declare step follow it. A "
    "principle, a decision or a step that demands a post-mortem for a level the policy exempts (or only for some of "
    "its levels) publishes a second policy, and responders follow whichever they read.",
    "name the levels of postmortem.required_for (or render them: the postmortem_levels template), or change it",
)
def postmortem_scope_said(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    policy = list(cat.incident.postmortem.required_for)
    for file, path, text in prose_strings(cat):
        for clause, named, only in postmortem_scopes(cat, text):
            extra = [lv for lv in named if lv not in policy]
            if extra or (only and set(named) != set(policy)):
                said = extra[0] if extra else named[0]
                pat = level_patterns(cat)[said]
                needle = pat.search(clause).group(0)
                message = (
                    f"{clause.strip()!r} gives a post-mortem to {', '.join(named)}{' only' if only else ''}, but "
                    f"postmortem.required_for is {', '.join(policy)}"
                )
                yield report(file, path, message, needle=needle)
