"""TOOL009: a program a block runs is no near miss of a command (bash's, the PATH's, another block's)."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

DB, AUTH, DISABLE = "scenarios/database-down.yaml", "scenarios/auth-failure-spike.yaml", "procedures/disable-ai.yaml"


def found(data) -> list[tuple]:
    return [(p.rule, p.file, p.line, p.col, p.message) for p in check(load_catalog(data), ["TOOL009"])]


def where(data, file: str, marker: str) -> tuple[int, int]:
    hits = [(n, t.index(marker) + 1) for n, t in enumerate((data / file).read_text().splitlines(), 1) if marker in t]
    assert len(hits) == 1, f"{marker!r} in {file}: {hits}"
    return hits[0]


FAULTS = [  # (file, old, new, marker, words)
    (DB, 'sqlite3 -readonly "$DB_PATH" "SELECT 1;"', 'sqlit3 -readonly "$DB_PATH" "SELECT 1;"', "sqlit3", "sqlite3"),
    (DISABLE, "printf 'false' | vercel env add", "printf 'false' | vercl env add", "vercl", "did you mean vercel?"),
    (AUTH, "curl -s -o /dev/null -w", "crul -s -o /dev/null -w", "crul", "did you mean curl?"),
    (DB, "code: df -h\n", "code: df -h | gerp -v tmpfs\n", "gerp", "did you mean grep?"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker", "words"), FAULTS, ids=[f[3] for f in FAULTS])
def test_a_near_miss_of_a_command_is_an_error_at_its_line(data_copy, file, old, new, marker, words):
    edit(data_copy / file, old, new)
    got = found(data_copy)
    assert [f[:4] for f in got] == [("TOOL009", f"data/{file}", *where(data_copy, file, marker))], got
    assert words in got[0][4]


@pytest.mark.parametrize(
    "new",
    [
        "code: df -h | grep -v tmpfs && pg_isready -q\n",  # a command no one knows is no near miss of one
        "code: |-\n          usage() { df -h; }\n          usage\n",  # a function the block defines
        "code: '\"$PAGER\" /etc/hostname'\n",  # a variable's program
    ],
)
def test_commands_functions_and_unknown_programs_pass(data_copy, new):
    edit(data_copy / DB, "code: df -h\n", new)
    assert found(data_copy) == []


def test_real_data_passes(catalog):
    assert [p.format() for p in check(catalog, ["TOOL009"])] == []
