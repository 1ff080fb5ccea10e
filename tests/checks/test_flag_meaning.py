"""CAT016: a feature flag's help names the value that turns on the refused response as the data does (the value the
disabling blocks give it, never its default); an inverted help is reported at its line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.flag_meaning import said_refusing
from playbook.data.load import load_catalog
from playbook.site.checking import check

HELP = 'help: "When false, AI endpoints answer with the refused response instead of calling the provider"'


@pytest.mark.parametrize(
    "new",
    [
        'help: "If set to true, the AI routes return the refused response rather than the provider\'s draft"',
        'help: "AI on by default. While true, every AI call is refused"',
    ],
)
def test_an_inverted_help_is_found_at_its_line(data_copy, new):
    edit(data_copy / "catalog.yaml", HELP, new)
    found = check(load_catalog(data_copy), ["CAT016"])
    assert [(p.file, p.line) for p in found] == [("data/catalog.yaml", line_of(data_copy / "catalog.yaml", new))]
    assert "'true' is its default" in found[0].message and "'false'" in found[0].hint


def test_the_disabling_blocks_decide_the_value(data_copy):
    # Disable AI now sets "0" and says so: the help's false is no longer the value that refuses
    edit(data_copy / "procedures/disable-ai.yaml", "printf 'false' | vercel env add", "printf '0' | vercel env add")
    found = check(load_catalog(data_copy), ["CAT016"])
    assert [p.line for p in found] == [line_of(data_copy / "catalog.yaml", HELP)], found
    assert "'0' refuses" in found[0].message


@pytest.mark.parametrize(
    "new",
    [
        'help: "When true, AI endpoints call the provider; when false, they answer the refused response"',
        'help: "Turns the AI features on and off"',
    ],
)
def test_helps_that_agree_pass(data_copy, new):
    edit(data_copy / "catalog.yaml", HELP, new)
    assert check(load_catalog(data_copy), ["CAT016"]) == []


def test_said_refusing():
    assert said_refusing("When true, calls reach the provider; when false, the refused response") == ["false"]
    assert said_refusing("When the provider is down it returns false") == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["CAT016"]) == []
