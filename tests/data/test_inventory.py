"""Every file under data/ is read or refused (LOAD007), and every value within its size limit (LOAD008), located."""

from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import edit
from data_edits import data_files
from playbook.data import inventory
from playbook.data.load import load_catalog
from playbook.errors import DataError


def problems_of(data_dir) -> list:
    with pytest.raises(DataError) as info:
        load_catalog(data_dir)
    return info.value.problems


def test_a_scenario_saved_as_yml_is_refused_at_its_file_and_at_the_id_it_no_longer_declares(data_copy):
    """Set 14 M52: the runbook the .yml file declares is gone from the site; its id line is where that shows."""
    scenarios = data_copy / "scenarios"
    shutil.move(scenarios / "auth-failure-spike.yaml", scenarios / "auth-failure-spike.yml")
    id_line = (scenarios / "auth-failure-spike.yml").read_text(encoding="utf-8").splitlines().index(
        "id: auth-failure-spike"
    ) + 1
    problems = problems_of(data_copy)
    found = [p for p in problems if p.rule == "LOAD007"]
    file = "data/scenarios/auth-failure-spike.yml"
    assert [(p.file, p.line, p.col) for p in found] == [(file, 1, 1), (file, id_line, 1)], [p.format() for p in found]
    assert "read from *.yaml files only" in found[0].message
    assert "the scenario declared here is not read: its file name is 'auth-failure-spike.yml'" in found[1].message
    assert {p.hint for p in found} == {"rename it to auth-failure-spike.yaml"}


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("notes.txt", "move it out of the data folder, or delete it"),
        ("contact.yaml", "merge it into data/contacts.yaml, or delete it"),  # a misspelt copy of a data file
        ("procedures/rollback-notes.md", "a procedure is a .yaml file"),
        ("app/old-schema.sql", "move it out of the data folder"),
        ("schema/scenarios.schema.json", "delete it: playbook generate writes data/schema/scenario.schema.json"),
        ("schema/notes.schema.json", "move it out of the data folder"),  # near no schema a data file names
        ("old/severities.yaml", "merge it into data/severities.yaml"),
        ("notes.yaml", "the data files are meta.yaml, severities.yaml"),  # near no data file's name
    ],
)
def test_a_stray_file_is_refused_at_line_1_with_a_hint(data_copy, name, hint):
    path = data_copy / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x: 1\n", encoding="utf-8")
    (p,) = problems_of(data_copy)
    assert (p.file, p.line, p.col, p.rule) == (f"data/{name}", 1, 1, "LOAD007"), p.format()
    assert hint in p.hint, p.hint


def test_hidden_files_and_editor_backups_are_left_alone(data_copy):
    (data_copy / ".DS_Store").write_bytes(b"\0")
    (data_copy / "scenarios" / ".database-down.yaml.swp").write_bytes(b"\0")
    (data_copy / "contacts.yaml~").write_text("old", encoding="utf-8")
    assert load_catalog(data_copy).scenarios


def test_an_editor_backup_left_alone_only_beside_its_file(data_copy):
    scenarios = data_copy / "scenarios"
    shutil.move(scenarios / "write-operations-failing.yaml", scenarios / "write-operations-failing.yaml~")
    found = [p for p in problems_of(data_copy) if p.rule == "LOAD007"]
    assert [(p.file, p.line, p.col) for p in found] == [("data/scenarios/write-operations-failing.yaml~", 1, 1)]
    assert "rename it to write-operations-failing.yaml" in found[0].hint


def test_a_one_megabyte_paste_into_a_step_is_refused_at_its_line(data_copy):
    file = data_copy / "scenarios" / "database-down.yaml"
    paste = "x" * (1_000_000 - len("If disk is full → Free up space. "))
    line = file.read_text(encoding="utf-8").split("\n").index("    text: If disk is full → Free up space.") + 1
    edit(file, "    text: If disk is full → Free up space.", f"    text: If disk is full → Free up space. {paste}")
    (p,) = problems_of(data_copy)
    assert (p.file, p.line, p.col, p.rule) == ("data/scenarios/database-down.yaml", line, 5, "LOAD008")
    assert p.field == "steps[1].text" and "1,000,000 characters" in p.message and "2,000" in p.message


def test_a_long_key_and_a_long_code_block_are_refused_at_their_lines(data_copy):
    """A key over 1,024 characters is YAML's explicit key (`? key`): the limit holds for it too. The code block's
    paste is found on its own line inside the block scalar, not at the block's `code: |-` line."""
    file = data_copy / "scenarios" / "database-down.yaml"
    key = "k" * 2_001
    edit(file, "synonyms: {db: [database, sqlite, prisma],", f"synonyms: {{? {key} : [database, sqlite, prisma],")
    edit(file, '          sqlite3 -readonly "$DB_PATH" "SELECT 1;"', "          # " + "y" * 8_000)
    found = sorted((p.line, p.col, p.field, p.message) for p in problems_of(data_copy))
    lines = file.read_text(encoding="utf-8").split("\n")
    pasted = next(n for n, text in enumerate(lines, 1) if text == "          # " + "y" * 8_000)
    assert lines[pasted - 2].strip() != "code: |-"  # the paste is not the block's first line
    assert [(line, col, field) for line, col, field, _ in found] == [
        (15, 14, f"synonyms.{key}"),
        (pasted, 11, "steps[0].blocks[0].code"),
    ]
    assert "a key of 2,001 characters" in found[0][3] and "over the limit of 8,000" in found[1][3]


def test_the_limits_leave_room_above_the_real_data(data_copy):
    """The limits are five times the longest value of the real data or more: the real data is far from them."""
    longest = {"code": 0, "text": 0}
    for file in data_files(data_copy):

        def walk(node, key=None):
            if isinstance(node, dict):
                for k, v in node.items():
                    longest["text"] = max(longest["text"], len(str(k)))
                    walk(v, k)
            elif isinstance(node, list):
                for v in node:
                    walk(v, key)
            elif isinstance(node, str):
                kind = "code" if key == "code" else "text"
                longest[kind] = max(longest[kind], len(node))

        walk(yaml.safe_load(file.read_text(encoding="utf-8")))
    assert 0 < 5 * longest["code"] <= inventory.CODE_MAX and 0 < 4 * longest["text"] <= inventory.TEXT_MAX, longest


def test_a_paste_repeated_into_a_list_of_words_is_refused_at_the_list(data_copy):
    """No keyword is over its limit: the list of 4,000 is (the real data's longest list of texts has 25 items)."""
    file = data_copy / "procedures" / "log-access.yaml"
    edit(file, "trace request, ", "trace request, " * 4000)
    line = next(
        n for n, text in enumerate(file.read_text(encoding="utf-8").split("\n"), 1) if text.startswith("keywords:")
    )
    (p,) = problems_of(data_copy)
    assert (p.file, p.line, p.rule, p.field) == ("data/procedures/log-access.yaml", line, "LOAD008", "keywords")
    assert "a list of texts of 4,007 items, over the limit of 200" in p.message, p.message


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("rollback.yaml ", "space"),  # set 11 M51: a space the listing does not show
        ("rollback.yaml\u00a0", "space"),  # a no-break space
        ("rollback.yml\t", "space"),
        ("rollback.yaml\u200b", "invisible"),  # a zero-width space
        ("rollback.\uff59aml", "look-alike"),  # a fullwidth y
    ],
)
def test_a_runbook_whose_name_hides_a_character_is_refused_at_line_1_and_at_its_id(data_copy, name, why):
    """The file is not read, and looks like the one that is: found at line 1, and at the id it no longer declares."""
    procedures = data_copy / "procedures"
    shutil.move(procedures / "rollback.yaml", procedures / name)
    lines = (procedures / name).read_text(encoding="utf-8").splitlines()
    id_line = lines.index("id: rollback") + 1
    found = [p for p in problems_of(data_copy) if p.file == f"data/procedures/{name}"]
    assert sorted((p.line, p.rule) for p in found) == [(1, "LOAD007"), (id_line, "LOAD007")], [
        p.format() for p in found
    ]
    assert all("rename it to 'rollback.yaml'" in p.hint and why in p.hint for p in found), [p.hint for p in found]


@pytest.mark.parametrize("name", ["rollback.yaml", "rollback.yaml~", "notes.txt", "Rollback-old.md"])
def test_a_name_that_hides_nothing_is_its_own_canonical_form(name):
    assert inventory.canonical(name) == name and inventory._hidden(name) == ""


def test_check_as_json_reports_unusable_data_as_json(data_copy, capsys):
    """A finding at a file name the text format cannot hold (a trailing space) reaches a reader of JSON whole."""
    import json

    from playbook.cli.main import main

    shutil.move(data_copy / "procedures" / "rollback.yaml", data_copy / "procedures" / "rollback.yaml ")
    assert main(["--data", str(data_copy), "check", "--format", "json", "--no-cache"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert {f["file"] for f in out["findings"]} == {"data/procedures/rollback.yaml "}, out
    assert out["summary"]["errors"] == len(out["findings"]) == 2
