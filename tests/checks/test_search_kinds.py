"""SRCH015: a page's search rank is not denied by its own why (a page ranked `answer` whose why says it answers
none); the finding is at the page's entry."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.search_kinds import denied
from playbook.data.load import load_catalog
from playbook.site.checking import check

FAULTS = [
    # set 18 M44's kind on another page: the benchmarks, "no incident answers", ranked as an answer
    ("{page: benchmarks.md, kind: aside,", "{page: benchmarks.md, kind: answer,"),
    # a why edited to deny the rank it gives: the primary's duties, said to be no answer
    ('why: "The primary\'s duties."}', 'why: "The primary\'s duties, listed; they do not answer a question."}'),
]


@pytest.mark.parametrize(("old", "new"), FAULTS, ids=["kind", "why"])
def test_srch015_a_denied_kind_is_an_error_at_its_entry(data_copy, old, new):
    edit(data_copy / "search.yaml", old, new)
    found = [p for p in check(load_catalog(data_copy), ["SRCH015"]) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {("data/search.yaml", line_of(data_copy / "search.yaml", new))}, [
        p.format() for p in found
    ]


def test_srch015_real_data_passes(catalog):
    assert check(catalog, ["SRCH015"]) == []


@pytest.mark.parametrize(
    ("kind", "why"),
    [
        ("answer", "Who to reach and how; every row is an answer."),
        ("answer", "It answers who to call and nothing else besides."),
        ("answer", "Not a hub: an answer of its own."),
        ("hub", "The matrix names every incident type and team; its rows are answers of their own."),
        ("aside", "The drills' results: they name every scenario and answer none."),
    ],
)
def test_srch015_near_misses_pass(kind, why):
    assert denied(kind, why) == ""
