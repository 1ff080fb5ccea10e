"""What a block's failure means and the word that runs a destructive one: in the data, on the page, in the runner."""

from __future__ import annotations

import subprocess
import sys

import yaml

from conftest import ROOT, edit, load_fails
from playbook.markdown import text
from runbook_env import env, make_db

RUNBOOKS = sorted([*(ROOT / "data" / "scenarios").glob("*.yaml"), *(ROOT / "data" / "procedures").glob("*.yaml")])


def blocks(path) -> list[dict]:
    """Every block of a runbook file, read with plain YAML."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    steps = data.get("steps", [])
    return [b for s in steps for b in [*s.get("blocks", []), *(b for o in s.get("options", []) for b in o["blocks"])]]


def test_every_block_that_exits_non_zero_on_purpose_says_what_it_means():
    found = [
        (path.name, b.get("title") or b["code"].splitlines()[0])
        for path in RUNBOOKS
        for b in blocks(path)
        if b["kind"] == "shell" and "exit 1" in b["code"] and not b.get("on_failure")
    ]
    assert found == []


def test_the_restores_safety_checks_are_stops_and_the_salvage_is_not():
    restore = [b for b in blocks(ROOT / "data/procedures/rollback.yaml") if b.get("title")]
    parts = {b["title"]: b.get("on_failure", {}).get("next", "continue") for b in restore}
    assert [t for t, nxt in parts.items() if nxt == "stop"] == [
        "1. Stop writes",
        "2. Keep the corrupt database and its side files",
        "3. Check the backup before using it",
        "4. Restore",
        "5. Verify",
    ]
    assert parts["6. Salvage what the corrupt file still holds, and count it"] == "continue"


def test_the_page_says_under_each_command_what_its_failure_means(catalog):
    from playbook.site.runbook import render_procedure, render_scenario

    for path in RUNBOOKS:
        rid = path.stem
        page = render_scenario(catalog, rid) if rid in catalog.scenarios else render_procedure(catalog, rid)
        for b in blocks(path):
            if fails := b.get("on_failure"):
                label = "If it fails, stop here" if fails.get("next") == "stop" else "If it fails"
                assert f"**{label}:** {text(fails['means'])}" in page, (rid, fails["means"])


def test_on_failure_and_confirm_are_checked_where_they_are_written(data_copy):
    file, confirm = "scenarios/database-down.yaml", "\n        confirm: free"
    line, problems = load_fails(data_copy, file, "code: df -h", "code: df -h" + confirm)
    assert [(p.file, p.line) for p in problems] == [("data/scenarios/database-down.yaml", line - 1)]
    assert "confirm is the word typed to run a destructive block" in problems[0].message
    edit(data_copy / file, confirm, "")
    old = 'means: "The file is not there'
    line, problems = load_fails(data_copy, file, old, "next: later\n          " + old)
    assert [(p.file, p.line) for p in problems] == [("data/scenarios/database-down.yaml", line)]
    assert "'continue' or 'stop'" in problems[0].message


def test_the_data_gives_the_word_typed_to_run_a_destructive_block(data_copy, tmp_path):
    title = "        title: 4. Restore\n"
    edit(data_copy / "procedures/rollback.yaml", title, title + "        confirm: swap in the backup\n")
    db, backup = make_db(tmp_path / "dev.db"), make_db(tmp_path / "dev.db.backup")
    before = db.read_bytes()
    answers = ["n", "n", "y", "y", "y", "restore", "q"]  # part 4: the step's own name no longer runs it
    proc = subprocess.run(
        [sys.executable, "-m", "playbook", "--project", str(ROOT), "--data", str(data_copy), "run", "rollback"],
        input="\n".join(answers) + "\n",
        env=env(DB_PATH=str(db), DB_BACKUP=str(backup)),
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert 'Type "swap in the backup" to run it' in proc.stdout, proc.stdout + proc.stderr
    assert "Not confirmed: not run." in proc.stdout and db.read_bytes() == before
