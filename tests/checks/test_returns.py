"""DEST024: a shell block's `return` is only inside a function it defines."""

from __future__ import annotations

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

RB = "procedures/rollback.yaml"


def test_real_data_passes(catalog):
    assert check(catalog, ["DEST024"]) == []


def test_dest024_return_in_the_backup_check(data_copy):
    path = data_copy / RB
    edit(
        path,
        'escalate to the database team" >&2\n            exit 1',
        'escalate to the database team" >&2\n            return 2',
    )
    assert [(p.file, p.line) for p in check(load_catalog(data_copy), ["DEST024"])] == [
        (f"data/{RB}", line_of(path, "return 2"))
    ]


def test_dest024_return_inside_a_function_passes(data_copy):
    path = data_copy / RB
    old = '          echo "no process has the database open"'
    edit(path, old, '          ok() { echo "no process has the database open"; return 0; }\n          ok')
    assert check(load_catalog(data_copy), ["DEST024"]) == []
