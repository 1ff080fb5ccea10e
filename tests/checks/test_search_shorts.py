"""CAT021: an abbreviation's short form is no word of a concept whose words lack its long form; the finding is at
the abbreviation's line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

SEARCH = "search.yaml"
AFTER = "  - {short: [afk], long: away from keyboard}\n"

FAULTS = [
    # set 19 M47's kind: a short form that is the contact concept's word (a direct message) read as something else
    (AFTER + "  - {short: [dm], long: data model}\n", "long: data model"),
]  # fmt: skip


@pytest.mark.parametrize(("new", "marker"), [(FAULTS[0][0], FAULTS[0][1])])
def test_cat021_short_form_taking_a_concept_word(data_copy, new, marker):
    edit(data_copy / SEARCH, AFTER, new)
    found = [p for p in check(load_catalog(data_copy), ["CAT021"]) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {(f"data/{SEARCH}", line_of(data_copy / SEARCH, marker))}, [
        p.format() for p in found
    ]


def test_cat021_short_form_that_is_another_concepts_word(data_copy):
    edit(data_copy / SEARCH, "  - {short: [svc], long: service}\n", "  - {short: [svc, undo], long: service}\n")
    found = [p for p in check(load_catalog(data_copy), ["CAT021"]) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {(f"data/{SEARCH}", line_of(data_copy / SEARCH, "[svc, undo]"))}


@pytest.mark.parametrize(
    "new",
    [
        AFTER + "  - {short: [ackn], long: acknowledgement}\n",  # no concept word
        AFTER + "  - {short: [ack], long: acknowledgement}\n",  # the concept with the word has the long form
    ],
)
def test_cat021_fitting_short_forms_pass(data_copy, new):
    edit(data_copy / SEARCH, AFTER, new)
    assert check(load_catalog(data_copy), ["CAT021"]) == []


def test_cat021_real_data_passes(catalog):
    assert check(catalog, ["CAT021"]) == []
