"""Checker rule on the search's page ranks: a page's `why` does not deny the kind it is ranked as (SRCH015)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.stems import stem

# What a clause says "not" with, and how far from the word it denies (a word or two between: "answer none", "no
# incident answers", "does not really answer")
_NEGATORS = frozenset({"no", "none", "not", "nothing", "never", "neither", "nor", "without", "nobody", "cannot"})
_NEAR = 3
_CLAUSE = re.compile(r"[;:,.()\[\]—–]")
_WORD = re.compile(r"[a-z]+(?:n't)?")


def denied(kind: str, why: str) -> str:
    """The clause of `why` that says the page is not what its kind names ('' when none): a word of the kind's stem
    (answer, answers, answered) with a negation a few words from it, in one clause."""
    for clause in _CLAUSE.split(why.lower()):
        tokens = _WORD.findall(clause)
        for i, t in enumerate(tokens):
            if stem(t) != stem(kind):
                continue
            near = tokens[max(0, i - _NEAR) : i + _NEAR + 1]
            if any(n in _NEGATORS or n.endswith("n't") for n in near):
                return clause.strip()
    return ""


@rule(
    "SRCH015",
    "error",
    "a page's search rank (`kind:`) is not denied by its own `why:` (a page ranked `answer` whose why says it "
    "answers none)",
    "The kind is the page's prior in the search: an answer competes with the runbooks for every word it holds. A "
    "page whose why says it is no answer (the drills' results name every scenario and answer none) ranked as one "
    'brings the drill results up for "database down" before the runbook. The why is the reason the rank was given: '
    "a reason that denies the rank shows one of them is wrong.",
    "rank the page as its why describes it (an aside, a mention), or correct the why",
)
def kind_not_denied(ctx: CheckContext, report: Reporter):
    for i, rank in enumerate(ctx.catalog.search.pages):
        if said := denied(str(rank.kind), rank.why):
            message = f"{rank.page} is ranked {rank.kind!s}, and its why says it is not one: {said!r}"
            yield report(F.SEARCH, ("pages", i, "kind"), message)
