"""Checker rule TXT017: a word typed once, one slip from a word the data uses elsewhere (`bakup` for backup)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.instruction_verbs import lemma_table
from playbook.checks.markup import _finding_at
from playbook.data.markup import own_strings
from playbook.data.suggest import one_edit
from playbook.markdown import outside_code

# A run of letters (`requestId` and `alertmanager` each one word, `dev.db` two), with an apostrophe's contraction
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
SHORTEST = 5  # a shorter word (`ip`, `sev`, `wal`) is one edit from too many others to tell a slip


def _deletes(word: str) -> set[str]:
    """`word` and each spelling of it with one letter left out: two words one edit apart share one of these."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def slips(strings: list[tuple[str, tuple, str]]) -> Iterator[tuple[str, tuple, str, int, str, str, int]]:
    """(file, path, text, offset, word, the word it is one slip from, that word's count) of every word of SHORTEST
    letters or more typed once in all of `strings` that is one letter changed, added, dropped or swapped from a word
    typed more than once, not a plural of it (`timestamps`)."""
    count: Counter[str] = Counter()
    first: dict[str, tuple[str, tuple, str, int]] = {}
    for file, path, text in strings:
        for m in _WORD.finditer(text):
            w = m.group(0).lower()
            if not w.isalpha():  # a contraction ("doesn't") is English
                continue
            count[w] += 1
            first.setdefault(w, (file, path, text, m.start()))
    near: dict[str, set[str]] = {}
    for w, n in count.items():
        if n > 1 and len(w) >= SHORTEST - 1:
            for d in _deletes(w):
                near.setdefault(d, set()).add(w)
    for w, n in count.items():
        if n != 1 or len(w) < SHORTEST:
            continue
        found = {g for d in _deletes(w) for g in near.get(d, ()) if one_edit(w, g)}
        found = {g for g in found if w.rstrip("s") != g.rstrip("s")}  # a plural: `ratelimits` of ratelimit
        if found:
            best = max(sorted(found), key=lambda g: count[g])
            yield (*first[w], w, best, count[best])


@rule(
    "TXT017",
    "error",
    "no word typed once that is one slip (a letter changed, added, dropped or swapped) from a word the data uses "
    "elsewhere",
    "A slip in a path, a field or a name is read as written: `/etc/alertmanger/secrets/…` is a folder that does not "
    "exist, so the router cannot read its password; `prisma/dev.db.bakup` is a backup that is not there, and the "
    "restore reports a healthy backup as corrupt; `context.requestld` is a field the app never writes. A word of "
    "English the dictionary knows is no slip; a word typed once, one edit from a word the data types again and "
    "again, most likely is. The search vocabulary is left out: it holds the reader's own misspellings on purpose.",
    "type the word the data uses elsewhere; if the new word is right, write it in a code span (`bakup`) where prose "
    "names it, as a name the reader types exactly",
)
def words_one_slip_from_the_datas(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    found = list(slips(own_strings(cat)))
    known = lemma_table({w for *_, w, _, _ in found}, ctx.cache)
    for file, path, text, at, word, meant, n in found:
        if known[word]:  # an English word ("stored" beside "store" is no slip)
            continue
        if outside_code(text)[at : at + len(word)] != text[at : at + len(word)]:  # in a code span: typed as meant
            continue
        typed = text[at : at + len(word)]
        message = f"{typed!r} is typed only here, one letter from {meant!r}, which the data uses {n} times"
        yield _finding_at(cat, report, file, path, text, at, message, column=True)
