"""DRILL010: a drill variant whose runbook stops at a check lists every file its fault damaged in unchanged:."""

from __future__ import annotations

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

DOWN = "scenarios/database-down.yaml"
KEPT = "unchanged: [$DB_PATH, $DB_PATH-wal, $DB_BACKUP]"


def _line(path, marker: str) -> int:
    return next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if marker in t)


def test_real_data_passes(catalog):
    assert check(catalog, ["DRILL010"]) == []


def test_a_side_file_left_out_is_found_at_unchanged(data_copy):
    edit(data_copy / DOWN, KEPT, "unchanged: [$DB_BACKUP, $DB_PATH]")
    found = check(load_catalog(data_copy), ["DRILL010"])
    assert [(p.file, p.line) for p in found] == [(f"data/{DOWN}", _line(data_copy / DOWN, "unchanged: ["))]
    assert "$DB_PATH-wal" in found[0].message and "$DB_BACKUP" not in found[0].message


def test_no_unchanged_at_all_is_found_at_the_stop(data_copy):
    edit(data_copy / DOWN, f"      {KEPT}\n", "")
    found = check(load_catalog(data_copy), ["DRILL010"])
    assert [(p.file, p.line) for p in found] == [(f"data/{DOWN}", _line(data_copy / DOWN, "stop: true"))]


def test_what_the_fault_did_not_damage_need_not_be_listed(data_copy):
    """Without side_files the fault leaves no -wal: the list may leave it out, in any order."""
    edit(data_copy / DOWN, "        side_files: true\n", "")
    edit(data_copy / DOWN, KEPT, "unchanged: [$DB_BACKUP, $DB_PATH]")
    assert check(load_catalog(data_copy), ["DRILL010"]) == []
