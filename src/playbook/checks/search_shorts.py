"""Checker rule CAT021: an abbreviation's short form is no word of a concept about something else than its long form."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.spelling import normal, words


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(normal(words(phrase)))


@rule(
    "CAT021",
    "error",
    "an abbreviation's short form (search.yaml abbreviations) is not a word of a concept whose words do not hold "
    "its long form: the short form already means that concept",
    "Abbreviations are read as their long form before anything else, so a short form that is also a concept's word "
    'takes the word from its concept: with `pm` read as project manager, every "pm template" or "pm due" query '
    "searches a role the data has nowhere, and the post-mortem is no longer found by the form responders type.",
    "remove the abbreviation (or give it the long form of the concept that has the word)",
)
def shorts_are_not_concept_words(ctx: CheckContext, report: Reporter):
    search = ctx.catalog.search
    owners: dict[tuple[str, ...], list] = {}
    for concept in search.concepts:
        for phrase in concept.words:
            owners.setdefault(_key(phrase), []).append(concept)
    for i, ab in enumerate(search.abbreviations):
        long = _key(ab.long)
        for short in ab.short:
            for concept in owners.get(_key(short), []):
                if any(_key(p) == long for p in concept.words):
                    continue  # the concept's words hold the long form too: the short form means what it means there
                msg = f"{short!r} is read as {ab.long!r}, but it is a word of concept {concept.id!r}, which has no "
                msg += f"{ab.long!r}: queries typing it for that concept no longer find it"
                yield report(F.SEARCH, ("abbreviations", i), msg, needle=short)
