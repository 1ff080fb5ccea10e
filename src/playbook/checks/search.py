"""Checker rules on the search vocabulary: every best bet's answer and every ranked page exists, and every
concept leads somewhere."""

from __future__ import annotations

import fnmatch

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.pages import anchors_of
from playbook.data import files as F
from playbook.data.addresses import scenario_uri
from playbook.errors import DataError

_FILE = F.CATALOG


def _markdown(ctx: CheckContext, page: str) -> str | None:
    """The page's Markdown; "" when it cannot render (its own rule reports the data that breaks it)."""
    try:
        return ctx.page(page)
    except DataError:
        return ""


@rule(
    "SRCH001",
    "error",
    "every best bet's answer (search.bets find) is a page, and its #section a heading of that page",
    "A search term that leads to a page or section that is gone sends the reader nowhere at 3 a.m.",
    "point `find` at an existing page (source path, e.g. scenarios/database-down.md) and heading id",
)
def bet_answers_exist(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, bet in enumerate(cat.data.search.bets):
        page, _, section = bet.find.partition("#")
        md = _markdown(ctx, page)
        path = ("search", "bets", i, "find")
        if md is None:
            yield report(_FILE, path, f"best bet answer {bet.find!r}: no page {page}")
        elif md and section and section not in anchors_of(md):
            yield report(_FILE, path, f"best bet answer {bet.find!r}: {page} has no heading #{section}")


@rule(
    "SRCH002",
    "error",
    "every page given a search prior (search.pages) exists",
    "A prior on a page that is gone ranks nothing, and hides that the page it meant was renamed.",
    "name an existing page (source path; scenarios/*.md for every scenario page)",
)
def ranked_pages_exist(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    scenario_pages = [scenario_uri(sid) for sid in cat.scenarios]
    for i, rank in enumerate(cat.data.search.pages):
        if "*" in rank.page:
            found = any(fnmatch.fnmatchcase(p, rank.page) for p in scenario_pages)
        else:
            found = _markdown(ctx, rank.page) is not None
        if not found:
            yield report(_FILE, ("search", "pages", i, "page"), f"search prior for {rank.page!r}: no such page")


@rule(
    "SRCH003",
    "warning",
    "every search concept is named by a best bet (search.bets when)",
    "A concept no bet names finds nothing: its words are matched in every query and change no result.",
    "name the concept in a bet's `when`, or remove it",
)
def concepts_are_used(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    used = {c for bet in cat.data.search.bets for c in bet.when}
    for i, concept in enumerate(cat.data.search.concepts):
        if concept.id not in used:
            path = ("search", "concepts", i, "id")
            yield report(_FILE, path, f"search concept {concept.id!r} is named by no best bet")
