"""The search vocabulary in data/catalog.yaml `search`: concepts (the words a reader types for one idea),
best bets (the answer a query that names some concepts wants first) and each page's search prior."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from playbook.data.patterns import worded

Text = Annotated[str, Field(min_length=1)]
ConceptId = Annotated[
    str,
    worded(
        r"^[a-z][a-z0-9-]*$", "a concept id", "lower-case words joined by '-', starting with a letter, e.g. db-down"
    ),
]
Find = Annotated[
    str, worded(r"^[a-z0-9/_-]+\.md(#[a-z0-9_-]+)?$", "a page", "a docs page in lower case, with an optional #anchor")
]


class _Strict(BaseModel):  # model.Strict, repeated: model imports this module for CatalogData.search
    model_config = ConfigDict(extra="forbid", frozen=False)


class SearchConcept(_Strict):
    """One idea a reader names in many words ("turn off", "kill switch", "disable"): the words that name it."""

    id: ConceptId
    words: list[Text] = Field(
        min_length=1, description="what a reader types for it: words, phrases, abbreviations, spellings"
    )
    why: Text = Field(description="what the idea is, and why these words name it")
    times: Literal["ack", "resolve", "update_every", "escalation"] | None = Field(
        default=None,
        description='a duration typed beside the concept ("5 minute ack") names the severity level whose'
        " ack, resolve or update_every time it is, or the escalation rule that starts after it",
    )


class Abbreviation(_Strict):
    """A short form engineers type in chat ("inc", "cmd", "ff"), read as its long form before the search."""

    short: list[Text] = Field(min_length=1, description="the short forms, as typed")
    long: Text = Field(description="what they stand for: a word or a phrase")
    why: Text = Field(description="where the short form is used")


class BestBet(_Strict):
    """A best bet: a query that names every one of `when` wants `find` first. Of the bets a query meets,
    the one naming more concepts comes first ("turn ai back on" meets [ai] and [ai, enable])."""

    when: list[ConceptId] = Field(min_length=1, description="the concepts (search.concepts ids) the query names")
    find: Find = Field(
        description="the answer: a site page (source path, e.g. scenarios/database-down.md) or page#section"
    )
    why: Text = Field(description="why a reader who names these concepts wants that answer")


PageKind = Literal["answer", "mention", "aside"]


class PageRank(_Strict):
    """The search prior of a page's entries: an answer (runbook step, severity level, escalation rule,
    contact row) outranks a mention (a dashboard row, a decision), which outranks an aside about the playbook
    itself (its benchmarks, its checker rules)."""

    page: Annotated[
        str,
        worded(r"^[a-z0-9/_*-]+\.md$", "a page", "a docs page in lower case, * matching any part, e.g. scenarios/*.md"),
    ] = Field(description="source path; * matches a folder's pages")
    kind: PageKind
    why: Text


class Search(_Strict):
    abbreviations: list[Abbreviation] = []
    concepts: list[SearchConcept] = []
    bets: list[BestBet] = []
    pages: list[PageRank] = []
