"""A file of one kind saved in another's place is one LOAD010 at line 1 naming where it belongs; a file cut short
is reported at the item cut short (at its last line when the top-level mapping is), saying so, and once at the
last line, where the text stops. Both are found
for any kind of file, from the models."""

from __future__ import annotations

import shutil

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.errors import DataError


def problems_of(data_dir) -> list:
    with pytest.raises(DataError) as info:
        load_catalog(data_dir)
    return info.value.problems


@pytest.mark.parametrize(
    ("src", "dest", "kind", "belongs"),
    [
        # set 8 M52: a scenario saved into procedures/
        ("scenarios/auth-failure-spike.yaml", "procedures/auth-failure-spike.yaml", "scenario", "data/scenarios/"),
        ("procedures/disable-ai.yaml", "scenarios/disable-ai.yaml", "procedure", "data/procedures/"),
    ],
)
def test_a_runbook_in_the_other_folder_is_found_at_line_1_and_its_id(data_copy, src, dest, kind, belongs):
    shutil.move(data_copy / src, data_copy / dest)
    found = [p for p in problems_of(data_copy) if p.file == f"data/{dest}"]
    assert [(p.line, p.col, p.rule) for p in found] == [(1, 1, "LOAD010"), (2, 1, "LOAD010")], [
        p.format() for p in found
    ]
    assert f"the {kind} {dest.split('/')[1][:-5]} is in {dest.split('/')[0]}/" in found[1].message  # set 12 M50
    assert f"keys of a {kind} file" in found[0].message and f"belongs in {belongs}" in found[0].message
    assert found[0].hint == f"move it: git mv data/{dest} data/{src}"


def test_a_data_file_saved_as_a_runbook_names_its_place(data_copy):
    shutil.copy(data_copy / "oncall.yaml", data_copy / "scenarios" / "oncall.yaml")
    found = [p for p in problems_of(data_copy) if p.file == "data/scenarios/oncall.yaml"]
    assert [(p.line, p.rule) for p in found] == [(1, "LOAD010")]
    assert "keys of an oncall file" in found[0].message and "belongs in data/oncall.yaml" in found[0].message


def test_two_misspelt_keys_stay_two_findings_at_their_lines(data_copy):
    file = data_copy / "scenarios" / "database-down.yaml"
    edit(file, "\nowner: ", "\nownr: ")
    edit(file, "\nfound_by: ", "\nfoundby: ")
    found = [p for p in problems_of(data_copy) if p.file == "data/scenarios/database-down.yaml"]
    assert {p.rule for p in found} == {"LOAD003"}, [p.format() for p in found]
    assert len(found) == 2


def _last_line(text: str) -> int:
    return len(text.rstrip("\n").split("\n"))


@pytest.mark.parametrize(
    ("file", "cut_after", "item"),
    [
        # set 8 M63: incident.yaml ends mid-sentence, its last key gone: the top-level mapping, at its last line
        ("incident.yaml", "motto: Incidents are inevitable. Chaos is", None),
        # the last team of contacts.yaml, cut after its name: at the team's first line
        ("contacts.yaml", "  - id: board\n    name: Board", "  - id: board"),
        # the last decision, cut after its topic: at the decision's first line, and once at the topic, the last line
        # where the text stops (set 11 M53)
        (
            "decisions.yaml",
            "  - id: D-holidays\n    topic: Which public holidays are no business days",
            "  - id: D-holidays",
        ),
    ],
)
def test_a_file_cut_short_is_reported_at_the_item_cut_short(data_copy, file, cut_after, item):
    path = data_copy / file
    text = path.read_text(encoding="utf-8")
    if file == "contacts.yaml":  # the last team, written as a block mapping, then cut
        edit(path, "  - {id: board, name: Board, lead: TBD, channel: TBD}\n", "  - id: board\n    name: Board\n")
        text = path.read_text(encoding="utf-8")
    cut = text[: text.index(cut_after) + len(cut_after)]
    path.write_text(cut, encoding="utf-8")
    found = [p for p in problems_of(data_copy) if p.file == f"data/{file}"]
    want = _last_line(cut) if item is None else cut.split("\n").index(item) + 1
    at_end = [p for p in found if p.line == _last_line(cut) and "the file ends here" in p.message]
    per_key = [p for p in found if p not in at_end]
    assert per_key and all(p.line == want for p in per_key), ([p.format() for p in found], want)
    assert all("cut short" in p.message and f"ends at line {_last_line(cut)}" in p.message for p in per_key)
    # where the item starts above the last line, one finding more says where the text stops, and what it lost
    assert len(at_end) == (want != _last_line(cut)), [p.format() for p in found]
    assert all("cut short" in p.message and f"line {want}" in p.message for p in at_end)


def test_a_key_missing_before_others_is_not_called_a_cut(data_copy):
    path = data_copy / "incident.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(n for n, x in enumerate(text.split("\n"), 1) if x.startswith("motto:"))
    edit(path, "motto: Incidents are inevitable. Chaos is optional.\n", "")
    (p,) = problems_of(data_copy)
    assert p.rule == "LOAD003" and "motto" in p.message and "cut short" not in p.message
    assert p.line < line
