"""TOOL026: a long option typed with one dash (`vercel deploy -prod`), known as a long option from the tool's --help or
from the data's own uses of the tool, is an error at its line; the real data and the near misses pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.one_dash import help_options, long_meant
from playbook.data.load import load_catalog
from playbook.site.checking import check

AI = "procedures/disable-ai.yaml"
AUTH = "scenarios/auth-failure-spike.yaml"
DB = "scenarios/database-down.yaml"

# (file, old, new, marker: the finding's line holds it)
FAULTS = [
    # set 19 M68's kind, in another file: the data gives vercel --prod elsewhere (Log Access, the other deploy)
    (AI, "              vercel deploy --prod\n", "              vercel deploy -prod\n", "vercel deploy -prod"),
    # sort's --help lists --reverse, and no short option -e: `-reverse` is no bundle that works
    (AUTH, "| sort -rn\n", "| sort -reverse -n\n", "sort -reverse"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_one_dash_long_option_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["TOOL026"])
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker))], [
        p.format() for p in found
    ]


NEAR_MISSES = [
    (AUTH, "| sort -rn\n", "| sort -nr\n"),  # short options bundled, no long option's name
    (DB, 'code: ls -la "$DB_PATH"', 'code: ls -lah "$DB_PATH"'),
    (AI, "              vercel deploy --prod\n", "              vercel deploy --prod -y\n"),
    (DB, 'code: ls -la "$DB_PATH"', 'code: ls -la -- "$DB_PATH"'),
    # ls's --help lists --all, but -a and -l too: `-all` is the bundle -a -l -l, which works
    (DB, 'code: ls -la "$DB_PATH"', 'code: ls -all "$DB_PATH"'),
]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["TOOL026"])] == []


def test_a_tool_that_takes_one_dash_options_is_left_alone():
    assert "readonly" in help_options("sqlite3")[1]  # sqlite3 is installed by the README's setup
    assert long_meant("sqlite3", "readonly", {"readonly"}) == ""
    assert long_meant("no-such-tool", "prod", set()) == ""
    assert long_meant("no-such-tool", "prod", {"prod"}) != ""


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TOOL026"]) == []
