"""Checker rules on the search vocabulary (data/search.yaml): every answer and ranked page exists, every concept
leads somewhere, no word is written twice, no bet repeats what a concept answers, no runbook keyword copies a
query the search is tuned to, a concept's clock is the one its words name, and a concept reads as a signal's word."""

from __future__ import annotations

import fnmatch
from typing import get_args

import yaml

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.pages import anchors_of
from playbook.checks.renamed_titles import at_the_title
from playbook.data import files as F
from playbook.data.addresses import scenario_uri
from playbook.data.ladder import signal_words
from playbook.data.model_search import SearchConcept
from playbook.data.spelling import normal, words
from playbook.data.stems import stem
from playbook.errors import DataError, dotted

_FILE = F.SEARCH


def _markdown(ctx: CheckContext, page: str) -> str | None:
    """The page's Markdown; "" when it cannot render (its own rule reports the data that breaks it)."""
    try:
        return ctx.page(page)
    except DataError:
        return ""


def _answers(cat):
    """(path in data/search.yaml, answer) of every concept's answer and every bet's."""
    for i, c in enumerate(cat.search.concepts):
        if c.answer:
            yield ("concepts", i, "answer"), c.answer
    for i, bet in enumerate(cat.search.bets):
        yield ("bets", i, "find"), bet.find


@rule(
    "SRCH001",
    "error",
    "every search answer (a concept's answer, a bet's find) is a page, and its #section a heading of it",
    "A search term that leads to a page or section that is gone sends the reader nowhere at 3 a.m.",
    "point it at an existing page (source path, e.g. scenarios/database-down.md) and heading id",
)
def answers_exist(ctx: CheckContext, report: Reporter):
    titled = set()  # an anchor several answers name is shown beside its title once
    for path, find in _answers(ctx.catalog):
        page, _, section = find.partition("#")
        md = _markdown(ctx, page)
        if md is None:
            yield report(_FILE, path, f"search answer {find!r}: no page {page}")
        elif md and section and section not in anchors_of(md):
            yield report(_FILE, path, f"search answer {find!r}: {page} has no heading #{section}")
            if find not in titled:
                titled.add(find)
                yield from at_the_title(ctx.catalog, report, md, section, f"{ctx.catalog.file(_FILE)}'s {dotted(path)}")


@rule(
    "SRCH002",
    "error",
    "every page (or section) given a search prior exists",
    "A prior on a page that is gone ranks nothing, and hides that the page it meant was renamed.",
    "name an existing page (source path; scenarios/*.md for every scenario page) and heading id",
)
def ranked_pages_exist(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    scenario_pages = [scenario_uri(sid) for sid in cat.scenarios]
    for i, rank in enumerate(cat.search.pages):
        page, _, section = rank.page.partition("#")
        if "*" in page:
            found = any(fnmatch.fnmatchcase(p, page) for p in scenario_pages)
        else:
            md = _markdown(ctx, page)
            found = md is not None and (not md or not section or section in anchors_of(md))
            if md and section and not found:
                yield from at_the_title(cat, report, md, section, f"{cat.file(_FILE)}'s {dotted(('pages', i, 'page'))}")
        if not found:
            yield report(_FILE, ("pages", i, "page"), f"search prior for {rank.page!r}: no such page or section")


@rule(
    "SRCH003",
    "warning",
    "every search concept has an answer, asks for a row, says a query's shape, reads as a signal, or is in a bet",
    "A concept that leads nowhere finds nothing: its words are matched in every query and change no result.",
    "give it an `answer`, name it in a bet, or remove it",
)
def concepts_are_used(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    used = {c for bet in cat.search.bets for c in bet.when}
    for i, concept in enumerate(cat.search.concepts):
        leads = concept.answer or concept.asks or concept.says or concept.reads
        if not leads and concept.id not in used:
            yield report(_FILE, ("concepts", i, "id"), f"search concept {concept.id!r} has no answer and no bet")


@rule(
    "SRCH004",
    "error",
    "a search word or phrase is written once, in its normal spelling, and a short form stands for one long form",
    "Written twice, a word names two ideas, or repeats a spelling the normalisation gives (plurals, negations).",
    "keep it in the one concept it names",
)
def words_are_written_once(ctx: CheckContext, report: Reporter):
    seen: dict[tuple[str, ...], tuple[str, str]] = {}
    for i, concept in enumerate(ctx.catalog.search.concepts):
        for j, phrase in enumerate(concept.words):
            key = tuple(normal(words(phrase)))
            if key in seen:
                cid, first = seen[key]
                where = "in this concept" if cid == concept.id else f"in concept {cid!r}"
                msg = f"{phrase!r} is {first!r} {where}, in its normal spelling ({' '.join(key)})"
                yield report(_FILE, ("concepts", i, "words", j), msg)
            else:
                seen[key] = (concept.id, phrase)
    # a short form read two ways ("rb": rollback and runbook) means whichever the search meets first
    shorts: dict[str, str] = {}
    for i, abbr in enumerate(ctx.catalog.search.abbreviations):
        for j, short in enumerate(abbr.short):
            if short in shorts and shorts[short] != abbr.long:
                msg = f"short form {short!r} is already {shorts[short]!r}'s: read as {abbr.long!r} too, it means either"
                yield report(_FILE, ("abbreviations", i, "short", j), msg)
            shorts.setdefault(short, abbr.long)


@rule(
    "SRCH005",
    "error",
    "a bet's answer is none of its concepts' own",
    "Such a bet only breaks a tie the concepts' ranks settle: a lookup table that grows with their square.",
    "remove the bet, or rank its concepts",
)
def bets_are_needed(ctx: CheckContext, report: Reporter):
    answers = {c.id: c.answer for c in ctx.catalog.search.concepts}
    for i, bet in enumerate(ctx.catalog.search.bets):
        same = [c for c in bet.when if answers.get(c) == bet.find]
        if same:
            yield report(_FILE, ("bets", i, "find"), f"bet {bet.when}: {bet.find} is already the answer of {same[0]!r}")


@rule(
    "SRCH006",
    "error",
    "no runbook keyword copies a query the search is tuned to (search.yaml tuned_to)",
    "A keyword copied from a tuning query passes that query without making search better.",
    "write the runbook's own words for the idea",
)
def keywords_copy_no_query(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    queries: dict[str, str] = {}
    for i, pattern in enumerate(cat.search.tuned_to):
        try:
            queries |= _tuned_queries(cat, pattern)
        except ValueError as e:  # a glob Python cannot read ("a**b")
            yield report(_FILE, ("tuned_to", i), f"tuned_to {pattern!r}: {e}", "write a glob from the project root")
    for file, rb in cat.runbook_files():
        spots = [(("keywords", i), k) for i, k in enumerate(getattr(rb, "keywords", []))]
        spots += [(("steps", i, "keywords", j), k) for i, s in enumerate(rb.steps) for j, k in enumerate(s.keywords)]
        for path, keyword in spots:
            if _plain(keyword) in queries:
                yield report(file, path, f"keyword {keyword!r} is a query of {queries[_plain(keyword)]}, word for word")


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the query sets need no line marks


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def _tuned_queries(cat, pattern: str) -> dict[str, str]:
    """{query, lower case: the file it is in} of every query set `pattern` names (a `q` or `query` string)."""
    out: dict[str, str] = {}
    for path in cat.project.files(pattern):
        for q in _query_strings(yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)):
            out.setdefault(_plain(q), cat.project.rel(path))
    return out


def _query_strings(node) -> list[str]:
    if isinstance(node, dict):
        found = [v for k, v in node.items() if k in ("q", "query") and isinstance(v, str)]
        return found + [q for v in node.values() if not isinstance(v, str) for q in _query_strings(v)]
    if isinstance(node, list):
        return [q for v in node for q in _query_strings(v)]
    return []


@rule(
    "SRCH007",
    "error",
    "an abbreviation's long form is made of words the playbook uses (its pages or the vocabulary)",
    "The browser reads a short form as its long form before anything else: a long form with a word found nowhere "
    "(a misspelling) turns every query that types the short form into a word nothing answers.",
    "spell the long form as the pages and the concepts do",
)
def abbreviations_expand_to_known_words(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    known = {w for c in cat.search.concepts for phrase in c.words for w in normal(words(phrase))}
    if not all(set(normal(words(a.long))) <= known for a in cat.search.abbreviations):
        for page in ctx.page_names():  # the pages only when the concepts do not hold every word: rarely
            known.update(normal(words(_markdown(ctx, page) or "")))
    for i, a in enumerate(cat.search.abbreviations):
        if unknown := [w for w in normal(words(a.long)) if w not in known]:
            message = f"{a.long!r} ({', '.join(a.short)}): {', '.join(unknown)} is on no page and in no concept"
            yield report(_FILE, ("abbreviations", i, "long"), message)


def _clock_names(cat) -> dict[str, tuple[tuple[str, ...], str]]:
    """Each clock a concept's `times:` may name (the field's own choices), as stemmed words, with its head word."""
    field = SearchConcept.model_fields["times"]
    names = [a for arg in get_args(field.annotation) for a in get_args(arg) or [arg] if isinstance(a, str)]
    return {n: (t := tuple(stem(w) for w in words(n.replace("_", " "))), t[0]) for n in names}


def _clocks_named(cat, concept) -> set[str]:
    """The clocks a concept names: a word or phrase of it, or its id, is a clock's name or that name's head word;
    or the section its answer opens is titled with the name."""
    clocks = _clock_names(cat)
    phrases = {tuple(stem(w) for w in words(p)) for p in [*concept.words, concept.id]}
    section = tuple(stem(w) for w in words((concept.answer or "").partition("#")[2]))
    found = set()
    for name, (full, head) in clocks.items():
        inside = any(section[k : k + len(full)] == full for k in range(len(section)))
        if full in phrases or (head,) in phrases or inside:
            found.add(name)
    return found


@rule(
    "SRCH012",
    "error",
    "a search concept's `times:` is a clock its words, id or answer name (ack for 'ack', resolve for 'resolve')",
    "A time typed beside the concept is read as that clock: 'respond' (ack, acknowledge) with times: resolve reads "
    '"5 minute ack" as a resolve time, and names no level or the wrong one instead of SEV-1.',
    "set `times:` to the clock the concept's words name, or move the words to the concept of that clock",
)
def concept_clocks(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, c in enumerate(cat.search.concepts):
        if c.times and (named := _clocks_named(cat, c)) and c.times not in named:
            message = f"concept {c.id} has times: {c.times}, but its words name {', '.join(sorted(named))}"
            yield report(_FILE, ("concepts", i, "times"), message)


@rule(
    "SRCH013",
    "error",
    "a search concept's `reads:` is a word of a numeric signal (its name or metric, data/severities.yaml)",
    "Beside a number, the concept's words are read as that word of a signal: a word no signal has reads as nothing,"
    ' and "31% of calls failing" finds no level.',
    "name a word of the signal the concept's words mean (error for an error rate), or remove `reads:`",
)
def concept_reads_a_signal(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    known = {w for sig in cat.severities.signals for w in signal_words(sig)}
    for i, c in enumerate(cat.search.concepts):
        if c.reads and not set(normal(words(c.reads))) <= known:
            message = f"concept {c.id} reads as {c.reads!r}, a word of no numeric signal ({', '.join(sorted(known))})"
            yield report(_FILE, ("concepts", i, "reads"), message)
