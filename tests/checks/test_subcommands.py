"""TOOL011: a subcommand a block gives git, vercel, npx prisma or sqlite3 (a dot-command) is one the CLI has, from
the tool itself where it is installed, else from its documented list and the data. Each fault at its line; the
real data and the near misses pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.subcommands import calls, tool_commands
from playbook.data.load import load_catalog
from playbook.site.checking import check

ROLLBACK, LOGS, AI = "procedures/rollback.yaml", "procedures/log-access.yaml", "procedures/disable-ai.yaml"

# (file, old, new, marker: the finding's line holds it)
FAULTS = [
    (ROLLBACK, "          vercel rollback --yes\n", "          vercel rolback --yes\n", "vercel rolback"),  # set 12 M67
    (ROLLBACK, "git log --oneline -10", "git lgo --oneline -10", "git lgo"),
    (ROLLBACK, '"$corrupt" .dump >', '"$corrupt" .dumb >', ".dumb"),
    (LOGS, 'vercel logs "$VERCEL_PROJECT"', 'vercel lgos "$VERCEL_PROJECT"', "vercel lgos"),
    (AI, "printf 'false' | vercel env add", "printf 'false' | vercel evn add", "'false' | vercel evn"),  # pasted twice
    (LOGS, 'vercel logs "$VERCEL_PROJECT" --prod', "npx prisma migrat status", "prisma migrat"),
]

NEAR_MISSES = [
    (ROLLBACK, "git log --oneline -10", "git -C . log --oneline -10"),
    (LOGS, 'vercel logs "$VERCEL_PROJECT"', 'vercel --scope clinical logs "$VERCEL_PROJECT"'),
    (LOGS, 'vercel logs "$VERCEL_PROJECT" --prod', "vercel inspect --logs"),
    (LOGS, 'vercel logs "$VERCEL_PROJECT" --prod', "npx prisma migrate status"),
    (ROLLBACK, '"$corrupt" .dump >', '"$corrupt" .schema >'),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_fault_is_found_at_itsline_of(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    if "evn" in new:
        edit(data_copy / file, "printf 'true' | vercel env add", "printf 'true' | vercel evn add")
    found = [p for p in check(load_catalog(data_copy), ["TOOL011"]) if p.line == line_of(data_copy / file, marker)]
    assert [(p.file, p.rule) for p in found] == [(f"data/{file}", "TOOL011")], [p.format() for p in found]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["TOOL011"])] == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TOOL011"]) == []


def test_the_tools_list_their_own():
    assert {"log", "rev-parse", "status"} <= tool_commands("git")
    assert {".dump", ".tables", ".recover"} <= tool_commands("sqlite3")


def test_calls_past_options_and_npx():
    code = 'git -C "$DIR" lgo\nnpx -y prisma migrat\nvercel --token "$T" rolback\nsqlite3 -readonly db .dumb\ngrep x y'
    assert calls(code) == [("git", "lgo"), ("prisma", "migrat"), ("vercel", "rolback"), ("sqlite3", ".dumb")]
