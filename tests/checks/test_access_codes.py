"""SEC027: a physical access code (a door's, an alarm's, a key safe's) in the data's text is an error at its line; the
real data and the near misses (exit codes, status codes, a code asked of facilities) pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

DB = "scenarios/database-down.yaml"
STEP = "  - title: Restart database (if using external database)\n"


def _step(text: str) -> str:
    return f'{STEP}    text: "{text}"\n'


# (file, old, new, marker: the finding's line holds it)
FAULTS = [
    # set 19 M19's kind: the way into the server room, in a step
    (DB, STEP, _step("The host is in the basement cage (key safe combination 0815, by the lift)."), "key safe"),
    (DB, STEP, _step("Enter through the side gate: gate PIN is *7391#, then restart from the console."), "gate PIN"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_an_access_code_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["SEC027"])
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker))], [
        p.format() for p in found
    ]


NEAR_MISSES = [
    (DB, STEP, _step("The host is in rack B2 (door code: ask facilities on 0113 496 0000).")),
    (DB, STEP, _step("If the restart fails with exit code 127, the binary is missing; a 503 status code is normal.")),
]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["SEC027"])] == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["SEC027"]) == []
