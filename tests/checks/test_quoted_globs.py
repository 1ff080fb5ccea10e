"""TOOL027: a glob inside quotes in a list of paths (an array's element, a for loop's word, a path given to ls, cp,
rm...) is never expanded and is an error at its line; the real data and the near misses pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.quoted_globs import quoted_globs
from playbook.data.load import load_catalog
from playbook.site.checking import check

RB = "procedures/rollback.yaml"
KEPT = 'kept=("$DB_PATH".corrupt-*/)'
LOOP = 'for f in "$DB_PATH" "$DB_PATH-wal" "$DB_PATH-shm" "$DB_PATH-journal"; do'

# (file, old, new, marker: the finding's line holds it)
FAULTS = [
    # set 19 M71's kind: the glob moved inside single quotes, written with the path
    (RB, KEPT, "kept=('prisma/dev.db.corrupt-*/')", "kept=('prisma"),
    # a loop over the side files, written as one quoted pattern
    (RB, LOOP, 'for f in "$DB_PATH" "$DB_PATH-[a-z]*"; do', 'for f in "$DB_PATH" "$DB_PATH-[a-z]*"'),
    # the listing of the kept copies, quoted whole
    (RB, 'ls -la "$keep"', 'ls -la "$DB_PATH.corrupt-*"', 'ls -la "$DB_PATH.corrupt-*"'),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_quoted_glob_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["TOOL027"])
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker))], [
        p.format() for p in found
    ]


NEAR_MISSES = [
    (RB, KEPT, 'kept=("$DB_PATH.corrupt-"*/)'),  # the pattern outside the quotes
    (RB, 'ls -la "$keep"', 'ls -la "$keep"/*'),
    (RB, LOOP, 'for f in "$DB_PATH"*; do'),
]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["TOOL027"])] == []


def test_quoted_patterns_of_other_programs_are_theirs():
    assert list(quoted_globs('grep -E "a.*b" f; jq ".[] | .x" f; sqlite3 db "SELECT * FROM t"; echo "x*"')) == []
    assert [w for _, w in quoted_globs('cp -- "$A"* "/tmp/b?"')] == ["an argument of cp"]


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TOOL027"]) == []
