"""RUN015: code whose text promises the refused response returns the flag's refused_response, every field of it,
and throws nothing; the throw (or the field given another value) is reported at its line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.refused_code import missing
from playbook.data.load import load_catalog
from playbook.site.checking import check

AI = "procedures/disable-ai.yaml"
RETURN = "                return {{ ts_refused() | indent(2) }};"


@pytest.mark.parametrize(
    ("new", "marker", "said"),
    [
        ('                throw new Error("AI is switched off");', "throw new Error", "throws"),
        (
            "                return { suggestion: null, confidence: 'low', refused: false, reasoning: 'off' };",
            "refused: false",
            "does not return refused, reasoning",
        ),
        (
            "                // answer 503 until re-enabled\n                return Response.json({}, {status: 503});",
            "return Response.json",
            "does not return suggestion",
        ),
    ],
)
def test_code_that_does_not_answer_the_refused_response_is_found_at_its_line(data_copy, new, marker, said):
    edit(data_copy / AI, RETURN, new)
    found = check(load_catalog(data_copy), ["RUN015"])
    assert [(p.file, p.line) for p in found] == [(f"data/{AI}", line_of(data_copy / AI, marker))], found
    assert said in found[0].message


@pytest.mark.parametrize(
    "new",
    [
        "                // never throw here: the screen shows the response\n" + RETURN,
        "                return {refused: true, suggestion: null,\n"
        "                  reasoning: \"AI temporarily disabled\", confidence: 'low'};",
    ],
)
def test_code_that_returns_it_passes(data_copy, new):
    edit(data_copy / AI, RETURN, new)
    assert check(load_catalog(data_copy), ["RUN015"]) == []


def test_code_without_the_promise_is_not_read(data_copy):
    edit(data_copy / AI, "every AI call answers the refused response until it is reverted", "every AI call fails")
    edit(data_copy / AI, RETURN, '                throw new Error("AI temporarily disabled");')
    assert check(load_catalog(data_copy), ["RUN015"]) == []


def test_missing():
    assert missing("return { refused: true, n: null }", {"refused": True, "n": None}) == []
    assert missing("return { 'refused': 'yes' }", {"refused": True}) == ["refused"]


def test_the_real_data_passes(catalog):
    assert check(catalog, ["RUN015"]) == []
