"""RUN011: an array a glob or a command's output fills (`kept=("$DB_PATH".corrupt-*/)`, mapfile) is read at its first
or last element, or after the block reads its count: `${kept[1]}` is an error at its line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.array_index import fixed_indices
from playbook.data.load import load_catalog
from playbook.site.checking import check

RB = "procedures/rollback.yaml"
NEWEST, CORRUPT = 'keep="${kept[-1]}"', 'corrupt="$keep$(basename'
SAID = 'echo "salvaged into $salvaged; rows'

FAULTS = [
    (RB, NEWEST, 'keep="${kept[1]}"', "${kept[1]}"),  # set 16's M65: the second oldest, not the newest
    (RB, CORRUPT, 'corrupt="${kept[-2]}$(basename', "${kept[-2]}"),  # the one before the newest
]

NEAR_MISSES = [
    (RB, NEWEST, 'keep="${kept[0]}"'),  # the oldest: there whenever any is
    (RB, SAID, 'echo "first table: ${tables[1]}"; echo "salvaged into $salvaged; rows'),  # its count is read above
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_fixed_index_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["RUN011"])
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker))]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_an_end_or_a_counted_array_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["RUN011"])] == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["RUN011"]) == []


def test_which_arrays_the_system_fills():
    code = 'a=(x*)\nb=(x y z)\nmapfile -t c < <(ls)\necho "${a[1]}" "${b[1]}" "${c[2]}" "${a[-1]}" "${a[0]}"\n'
    assert [(n, i) for _, _, n, i in fixed_indices(code)] == [("a", "1"), ("c", "2")]
