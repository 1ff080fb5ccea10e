"""TOOL014: the braces of a `for` loop's word are a brace expansion bash performs, as rendered. bash itself expands
each such word (quoted parts and expansions set aside): one it leaves as typed runs the loop once with the text."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.runbooks.braces import loop_words, unexpanded
from playbook.site.checking import check

AUTH, RB = "scenarios/auth-failure-spike.yaml", "procedures/rollback.yaml"
RANGE, FILES = "for i in {1..{{", 'for f in "$DB_PATH" "$DB_PATH-wal" "$DB_PATH-shm"'

FAULTS = [
    (AUTH, RANGE, "for i in {1...{{", "for i in {1...{{"),  # set 16's M66: three dots
    (RB, FILES, 'for f in "$DB_PATH"{-wal} "$DB_PATH-shm"', '"$DB_PATH"{-wal}'),  # one item: no list
]

NEAR_MISSES = [
    (AUTH, RANGE, "for i in {0..{{"),
    (RB, FILES, 'for f in "$DB_PATH"{,-wal,-shm}'),  # a list after a quoted expansion
    (RB, FILES, 'for f in "$DB_PATH" "$DB_PATH-wal" "{$DB_PATH-shm}"'),  # quoted: meant as typed
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_brace_bash_leaves_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["TOOL001", "TOOL014"])
    assert [(p.file, p.line, p.rule) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker), "TOOL014")]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_brace_bash_expands_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["TOOL001", "TOOL014"])] == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TOOL014"]) == []


def test_bash_is_asked_about_the_literal_braces_only():
    code = 'for f in "$A"{,-b} x{a} "{1..3}" $(ls {x}) {1...4} {1..3..2} ${X}{y}; do :; done'
    words = loop_words(code)
    assert [w for _, _, w, _ in words] == ['"$A"{,-b}', "x{a}", "{1...4}", "{1..3..2}", "${X}{y}"]
    assert unexpanded([s for *_, s in words]) == {"x{a}", "{1...4}", "Q{y}"}
