"""DEST022: a work file of a fixed name is refused when it exists; DEST023: a staged one is checked, then moved in."""

from __future__ import annotations

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

RB = "procedures/rollback.yaml"
GUARD = '          if [[ -e "$restoring" ]]; then echo "$restoring exists: a restore is under way or was interrupted" >&2; exit 1; fi\n'  # noqa: E501


def test_real_data_passes(catalog):
    assert check(catalog, ["DEST022", "DEST023"]) == []


def _found(data_copy, rule):
    return [(p.file, p.line) for p in check(load_catalog(data_copy), [rule])]


def test_dest022_guard_after_the_write_is_reported_at_the_assignment(data_copy):
    """The test moved below the .restore: the write already went into a leftover."""
    path = data_copy / RB
    edit(path, GUARD, "")
    edit(
        path,
        '          check=$(sqlite3 -readonly "$restoring"',
        GUARD + '          check=$(sqlite3 -readonly "$restoring"',
    )
    assert _found(data_copy, "DEST022") == [(f"data/{RB}", line_of(path, 'restoring="$DB_PATH.restoring"'))]


def test_dest022_salvage_without_its_test(data_copy):
    path = data_copy / RB
    edit(
        path,
        '          if [[ -e "$salvaged" ]]; then echo "$salvaged exists: salvage already done" >&2; exit 1; fi\n',
        "",
    )
    assert _found(data_copy, "DEST022") == [(f"data/{RB}", line_of(path, 'salvaged="${keep}salvaged.db"'))]


def test_dest022_other_forms_of_the_test_pass(data_copy):
    path = data_copy / RB
    edit(path, GUARD, '          test -f "$restoring" && exit 1\n')
    assert _found(data_copy, "DEST022") == []
    edit(path, 'test -f "$restoring" && exit 1', 'if [ -e "${restoring}" ]; then exit 1; fi')
    assert _found(data_copy, "DEST022") == []


def test_dest023_a_copy_in_place_of_the_move(data_copy):
    path = data_copy / RB
    edit(path, 'mv -f -- "$restoring" "$DB_PATH"', 'cp -p "$restoring" "$DB_PATH"')
    assert _found(data_copy, "DEST023") == [(f"data/{RB}", line_of(path, 'cp -p "$restoring" "$DB_PATH"'))]


def test_dest023_the_check_reads_another_file(data_copy):
    path = data_copy / RB
    old = 'check=$(sqlite3 -readonly "$restoring" "PRAGMA integrity_check;" 2>&1) || true'
    edit(path, old, 'check=$(sqlite3 -readonly "$DB_PATH" "PRAGMA quick_check;" 2>&1) || true')
    assert _found(data_copy, "DEST023") == [(f"data/{RB}", line_of(path, "PRAGMA quick_check"))]


def test_dest023_no_check_at_all_is_reported_at_the_move(data_copy):
    path = data_copy / RB
    edit(path, '          check=$(sqlite3 -readonly "$restoring" "PRAGMA integrity_check;" 2>&1) || true\n', "")
    edit(
        path,
        '          if [[ "$check" != ok ]]; then echo "the restored copy failed its check: $check" >&2; exit 1; fi\n',
        "",
    )  # noqa: E501
    assert _found(data_copy, "DEST023") == [(f"data/{RB}", line_of(path, 'mv -f -- "$restoring" "$DB_PATH"'))]


def test_dest023_a_braced_move_passes(data_copy):
    edit(data_copy / RB, 'mv -f -- "$restoring" "$DB_PATH"', 'mv -f -- "${restoring}" "${DB_PATH}"')
    assert _found(data_copy, "DEST023") == []
