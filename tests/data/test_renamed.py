"""A data file renamed or moved where nothing reads it (LOAD007) is told by its schema line or its name near a data
file's: at its line 1 with the name it had, and, its data being gone, at each top-level key (a runbook: at its id)."""

from __future__ import annotations

import shutil

import pytest

from playbook.data.load import load_catalog
from playbook.errors import DataError


def problems_of(data_dir) -> list:
    with pytest.raises(DataError) as info:
        load_catalog(data_dir)
    return info.value.problems


def _keys(path) -> list[int]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [n for n, line in enumerate(lines, 1) if line[:1].isalpha() and ":" in line]


@pytest.mark.parametrize(
    ("src", "dest", "said"),
    [
        ("severities.yaml", "severity.yaml", "did you mean severities.yaml?"),  # set 12 M49 (spent)
        ("contacts.yaml", "contact.yml", "did you mean contacts.yaml?"),
        ("oncall.yaml", "on-call.yaml", "did you mean oncall.yaml?"),
        ("matrix.yaml", "teams.yaml", "its schema line says so"),  # a name near none: the schema line tells
        ("routes.yaml", "old/routes.yaml", "routes.yaml is read from data/, not from data/old/"),
        # another extension, the YAML kept: its schema line says what it is (set 15 M51, spent)
        ("contacts.yaml", "contacts.json", "did you mean contacts.yaml? (a contacts file, its schema line says so)"),
        ("oncall.yaml", "oncall.txt", "did you mean oncall.yaml?"),
    ],
)
def test_a_renamed_data_file_is_found_at_line_1_and_at_each_key(data_copy, src, dest, said):
    (data_copy / dest).parent.mkdir(exist_ok=True)
    shutil.move(data_copy / src, data_copy / dest)
    found = [p for p in problems_of(data_copy) if p.file == f"data/{dest}"]
    assert {p.rule for p in found} == {"LOAD007"}, [p.format() for p in found]
    assert said in found[0].message and found[0].line == 1, found[0].format()
    assert [p.line for p in found[1:]] == _keys(data_copy / dest), [p.format() for p in found]
    assert found[0].hint == f"move it: git mv data/{dest} data/{src}"


@pytest.mark.parametrize("dest", ["rollback.yaml", "runbooks/rollback.yaml"])
def test_a_runbook_moved_out_of_its_folder_is_found_at_its_id(data_copy, dest):
    (data_copy / dest).parent.mkdir(exist_ok=True)
    shutil.move(data_copy / "procedures" / "rollback.yaml", data_copy / dest)
    found = [p for p in problems_of(data_copy) if p.file == f"data/{dest}"]
    (id_line,) = [n for n, line in enumerate((data_copy / dest).read_text().splitlines(), 1) if line.startswith("id:")]
    assert [(p.line, p.rule) for p in found] == [(1, "LOAD007"), (id_line, "LOAD007")], [p.format() for p in found]
    assert "a procedure (its schema line says so)" in found[0].message
    assert "the procedure declared here is not read" in found[1].message


def test_a_copy_beside_the_file_is_one_finding(data_copy):
    shutil.copy(data_copy / "severities.yaml", data_copy / "severities-old.yaml")
    found = [p for p in problems_of(data_copy) if p.file == "data/severities-old.yaml"]
    assert [(p.line, p.rule) for p in found] == [(1, "LOAD007")], [p.format() for p in found]
    assert found[0].hint == "merge it into data/severities.yaml, or delete it"


def test_a_renamed_schema_is_found_at_line_1_and_at_each_key(data_copy):
    """set 10 M57 (spent): the scenario schema renamed after its folder."""
    schema = data_copy / "schema"
    shutil.move(schema / "scenario.schema.json", schema / "scenarios.schema.json")
    found = [p for p in problems_of(data_copy) if p.file == "data/schema/scenarios.schema.json"]
    assert "did you mean scenario.schema.json?" in found[0].message and found[0].line == 1, found[0].format()
    lines = (schema / "scenarios.schema.json").read_text(encoding="utf-8").splitlines()
    keys = [n for n, line in enumerate(lines, 1) if line.startswith('  "')]
    assert [p.line for p in found[1:]] == keys and {p.rule for p in found} == {"LOAD007"}


def test_json_that_names_no_schema_is_one_finding(data_copy):
    """Near miss of contacts.json: a JSON file under data/ (no schema line: it holds no data file's YAML) is a file
    nothing reads, at line 1 only."""
    (data_copy / "contacts.json").write_text('{\n  "roles": []\n}\n', encoding="utf-8")
    found = [p for p in problems_of(data_copy) if p.file == "data/contacts.json"]
    assert [(p.line, p.rule) for p in found] == [(1, "LOAD007")], [p.format() for p in found]
    assert "did you mean" not in found[0].message
