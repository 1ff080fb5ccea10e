"""The search vocabulary in data/catalog.yaml `search`: the thesaurus (words a reader types -> the answer)
and each page's search prior (answers outrank mentions)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Text = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):  # model.Strict, repeated: model imports this module for CatalogData.search
    model_config = ConfigDict(extra="forbid", frozen=False)


class SearchTerm(_Strict):
    """One line of the search thesaurus: words a reader types, and the answer they should find."""

    terms: list[Text] = Field(min_length=1, description="what a reader types: a word, a phrase or an abbreviation")
    find: Annotated[str, Field(pattern=r"^[a-z0-9/_-]+\.md(#[a-z0-9_-]+)?$")] = Field(
        description="the answer: a site page (source path, e.g. scenarios/database-down.md) or page#section"
    )
    why: Text = Field(description="why a reader who types these words wants that answer")


PageKind = Literal["answer", "mention", "aside"]


class PageRank(_Strict):
    """The search prior of a page's entries: an answer (runbook step, severity level, escalation rule,
    contact row) outranks a mention (a dashboard row, a decision), which outranks an aside about the playbook
    itself (its benchmarks, its checker rules)."""

    page: Annotated[str, Field(pattern=r"^[a-z0-9/_*-]+\.md$")] = Field(
        description="source path; * matches a folder's pages"
    )
    kind: PageKind
    why: Text


class Search(_Strict):
    thesaurus: list[SearchTerm] = []
    pages: list[PageRank] = []
