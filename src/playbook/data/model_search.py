"""The search vocabulary, data/search.yaml: concepts (the words a reader types for one idea, the answer that
idea wants and its rank), the few bets whose answer no single concept gives, and each page's search prior."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from playbook.data.kinds import Term
from playbook.data.model import Prose
from playbook.data.patterns import Phrase, Word, worded

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


class _Strict(BaseModel):  # model.Strict, repeated: this module is imported by the registry beside model
    model_config = ConfigDict(extra="forbid", frozen=False, strict=True)


class SearchConcept(_Strict):
    """One idea a reader names in many words ("turn off", "kill switch", "disable"): the words that name it, the
    answer it wants, and its rank among the concepts a query names."""

    id: ConceptId
    rank: int = Field(
        ge=1,
        le=9,
        description="of the concepts a query names, the answer of the lowest rank comes first: 1 is the most"
        " specific idea (a procedure, a post-mortem, a contact), higher ranks the broad ones (a system, a level)",
    )
    answer: Find | None = Field(
        default=None, description="the page (or page#section) a query naming this concept wants; none for a modifier"
    )
    asks: Literal["contact", "owner", "person", "level"] | None = Field(
        default=None,
        description="a question for a row: with a role or team typed, `contact` wants its row of the contacts page;"
        " with an incident type (or a system whose runbook has one), `owner` wants its row of the matrix;"
        " `person` wants whichever of the two the query names; `level`, with a system named, the severity level"
        " its runbook is filed at",
    )
    times: Literal["ack", "resolve", "update_every", "escalation"] | None = Field(
        default=None,
        description='a duration typed beside the concept ("5 minute ack") names the severity level whose'
        " ack, resolve or update_every time it is, or the escalation rule that starts after it",
    )
    says: Literal["symptom", "frame", "recheck"] | None = Field(
        default=None,
        description='`symptom`: a query naming it is shaped as a symptom ("went vertical", "is down"), which wants the'
        " runbook whose symptom it is before a page that only mentions the signal (a dashboard panel); `frame`: typed"
        ' in a label before a colon that opens the query ("retro:"), it names where the question is asked, not what'
        " it asks: the label's concepts come after those the rest of the query names; `recheck`: it says a level named"
        ' beside it was the wrong call ("was sev 1 overkill"), so the named level is the one in doubt, not the answer:'
        " the level the rest of the query names comes first",
    )
    reads: Word | None = Field(
        default=None,
        description="a word of a numeric signal of the ladder (its name's or its metric's, data/severities.yaml) that"
        ' the concept\'s words say beside a number: "31% of calls failing" is an error rate (`reads: error`)',
    )
    parts: Literal["postmortem"] | None = Field(
        default=None,
        description="a template whose parts are words of the concept too: its headings, field names and columns"
        " (data/incident.yaml `postmortem:`) that no other concept, nor a signal of the ladder, means"
        " (playbook.site.search_template)",
    )
    words: list[Term] = Field(
        min_length=1,
        description="what a reader types for it: words and phrases, each once; other spellings (plurals,"
        " apostrophes, negations) come from the normalisation, not from this list",
    )
    why: Prose = Field(description="what the idea is, and why these words and this answer")


class Abbreviation(_Strict):
    """A short form engineers type in chat ("inc", "cmd", "ff"), read as its long form before the search."""

    short: list[Word] = Field(
        min_length=1,
        description="the short forms, as typed: one word each (a plural is normalised); one in capitals (BE) is read "
        "only when typed in capitals, where its lower case is a word (be)",
    )
    long: Phrase = Field(description="what they stand for: a word or a phrase")


class BestBet(_Strict):
    """A bet: a query that names every one of `when` wants `find` first, an answer none of those concepts gives
    alone (else the concepts' ranks already order it)."""

    when: list[ConceptId] = Field(min_length=2, description="the concepts (concepts ids) the query names")
    find: Find = Field(
        description="the answer: a site page (source path, e.g. scenarios/database-down.md) or page#section"
    )
    why: Prose = Field(description="why a reader who names these concepts wants that answer")


PageKind = Literal["answer", "hub", "mention", "record", "aside"]


class PageRank(_Strict):
    """The search prior of a page's (or a section's) entries: an answer (runbook step, contact row) outranks a
    hub (a section that names many things: a severity level, the matrix, the escalation rule), which outranks a
    mention (a dashboard row), which outranks a record (a decision: it quotes facts whose home is another page, and
    ranks below the pages it is about), which outranks an aside about the playbook itself."""

    page: Annotated[
        str,
        worded(
            r"^[a-z0-9/_*-]+\.md(#[a-z0-9_-]+)?$",
            "a page",
            "a docs page in lower case, * matching any part, with an optional #section, e.g. scenarios/*.md",
        ),
    ] = Field(description="source path; * matches a folder's pages; #section ranks that section alone")
    kind: PageKind
    why: Prose


class Search(_Strict):
    abbreviations: list[Abbreviation] = []
    concepts: list[SearchConcept] = []
    bets: list[BestBet] = []
    pages: list[PageRank] = []
    command_rank: int = Field(
        5,
        ge=1,
        le=9,
        description="the rank of a saved query (a procedure's `queries`) two of whose title's words a query types:"
        " it comes before the answers of the concepts of that rank",
    )
    carries_level: list[Term] = Field(
        [],
        description="the words for what carries a severity level (an alert, a page): a level's name beside one of"
        ' them names that level, as beside a word for a level ("critical page" is SEV-1)',
    )
    tuned_to: list[
        Annotated[
            str,
            worded(
                r"^[A-Za-z0-9_.*/-]+$",
                "a path",
                "a path from the project root, * matching any part, e.g. tests/fixtures/search_dev*.yaml",
            ),
        ]
    ] = Field(
        [],
        description="the query sets the search is tuned to, as paths (globs) from the project root: a runbook"
        " keyword that copies one of their queries word for word is reported (SRCH005)",
    )
