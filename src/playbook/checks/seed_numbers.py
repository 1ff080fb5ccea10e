"""Checker rule on the numbers a decision quotes from the seed: each is the value of the field it fixes."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.decided import Fixed, lock
from playbook.data.quantities import NUMBER_WORDS, number
from playbook.data.stems import stem

_QUOTE = re.compile(r"\"([^\"]+)\"|“([^”]+)”")
_WORD = re.compile(r"\d+(?:\.\d+)?|[a-z][a-z-]*", re.IGNORECASE)


def _is_number(word: str) -> bool:
    return word[0].isdigit() or word.lower() in NUMBER_WORDS


def counted(text: str, unit: list[str]) -> list[float]:
    """The numbers `text` gives in `unit` (words, matched by their stems): "within 3 business days" gives [3.0]
    for ["business", "days"]."""
    words = _WORD.findall(text or "")
    want = [stem(u) for u in unit]
    return [
        number(w)
        for k, w in enumerate(words)
        if _is_number(w) and [stem(x) for x in words[k + 1 : k + 1 + len(want)]] == want
    ]


def _unit_of(v: Fixed, quotes: list[str]) -> tuple[list[str], float] | None:
    """The longest end of the field's name (due_business_days: "business days", "days") that a quote gives a
    number in, with that number; the name is the field's unit, so a field the name of which no quote counts in
    is left alone."""
    if isinstance(v.value, bool) or not isinstance(v.value, int | float):
        return None
    words = [w for w in re.split(r"[._]", v.name) if w]
    for k in range(len(words), 0, -1):
        for q in quotes:
            if said := counted(q, words[-k:]):
                return words[-k:], said[0]
    return None


@rule(
    "DEC005",
    "error",
    "a number a decision quotes from the seed, with its unit, is the value of the field it fixes, unless the "
    "decision's text states its own",
    'The seed said post-mortems are due "within 3 business days"; its decisions quote that, and the field '
    "that holds it (due_business_days) is the one the pages count. Changed to 5 while the decision states no "
    "number of its own, the pages promise two days later than the policy the decisions record, and nothing says "
    "the seed was overruled.",
    "put the seed's number back, or, if the team decided otherwise, say so in the decision's text (its value "
    "quoted from the data) and run `playbook revisit D-…`",
)
def seed_numbers_kept(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    found = lock(cat)
    decisions = cat.file(F.DECISIONS)
    for i, d in enumerate(cat.decisions.decisions):
        quotes = [a or b for text in (d.topic, d.seed) for a, b in _QUOTE.findall(text or "")]
        for v in found.values.get(d.id, []) if quotes else []:
            got = _unit_of(v, quotes)
            if got is None:
                continue
            unit, said = got
            if said == v.value or counted(d.decision, unit):
                continue  # the seed's number, or the decision states its own (quoted from the data)
            phrase = f"{said:g} {' '.join(unit)}"
            seed_at = ("decisions", i, "seed")
            line, _ = cat.where(decisions, seed_at)
            field_line, _ = cat.where(v.file, v.path)
            message = f"{v.name} is {v.value}, but {d.id} quotes the seed's {phrase!r} ({decisions}:{line}) "
            message += "and its text states no other number"
            yield report(v.file, v.path, message)
            message = f"{d.id} quotes the seed's {phrase!r}, but {v.name} is {v.value} ({v.file}:{field_line}), "
            message += "which its text does not say"
            yield report(F.DECISIONS, seed_at, message)
