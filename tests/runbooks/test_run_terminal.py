"""`playbook run database-down` on a pseudo-terminal, keystroke by keystroke, against the drill target.

The drill target (the stand-in Clinical OS server, on 127.0.0.1) serves a database corrupted the way `playbook drill`
corrupts it, with rows written after the last backup. One walk goes from the failing check to the restore and the
salvage, typing the destructive confirmation; another answers `y` to everything and must change nothing.
"""

from __future__ import annotations

import hashlib
import io
import os
import sqlite3
import sys
import time

import pexpect
import pytest
import yaml

from playbook.data.model_drill import Fault
from playbook.drill import db as drill_db
from playbook.drill.faults import call, inject
from playbook.drill.target import DrillTarget
from runbook_env import ROOT

ROWS = 3  # notes written after the backup: only the salvage finds them
SCENARIO = yaml.safe_load((ROOT / "data/scenarios/database-down.yaml").read_text(encoding="utf-8"))
ROLLBACK = yaml.safe_load((ROOT / "data/procedures/rollback.yaml").read_text(encoding="utf-8"))
RESTORE = next(s for s in ROLLBACK["steps"] if s["title"] == "Restore the database from backup")
PROMPT = [
    r"\? \[y/N/q\] ",  # run a block, a person's step done, walk a linked step
    r"\[C/r/s/q\] ",  # after a failure
    r"\[r/S\] ",  # after a stop
    r"\(anything else skips it\): ",  # a destructive block's typed word
    r"\n[A-Z][A-Z0-9_]* = ",  # a placeholder's value, asked on a line of its own
    pexpect.EOF,
]


@pytest.fixture
def incident(catalog, tmp_path):
    """The app checkout with its database corrupt (one index page torn, as by a crash mid-write) and last night's
    backup; the drill target serving it on 127.0.0.1, stopped when the test ends, failed or not."""
    app = tmp_path / "app"
    db, backup = app / "prisma" / "dev.db", app / "prisma" / "dev.db.backup"
    drill_db.create(db, catalog.project.app_schema)
    fault = Fault(kind="db_corrupt", damage="index", rows=ROWS, symptoms=[{"endpoint": "readiness", "status": 503}])
    with DrillTarget(catalog, db, app / "logs.json") as target:
        inject(target, fault, backup)
        assert call(target.base_url, target.ep["readiness"])[0] == 503  # the incident is real
        yield app, target


def spawn(app, *args: str) -> tuple[pexpect.spawn, io.StringIO]:
    """`playbook run database-down ARGS` on a new pseudo-terminal in the app checkout, and what it prints."""
    env = {k: v for k, v in os.environ.items() if k not in ("DB_PATH", "DB_BACKUP", "BASE_URL", "TOKEN")}
    env |= {"LC_ALL": "C.UTF-8", "TERM": "dumb"}
    cmd = [sys.executable, "-m", "playbook", "--project", str(ROOT), "run", "database-down", *args]
    child = pexpect.spawn(cmd[0], cmd[1:], cwd=app, env=env, encoding="utf-8", timeout=30, dimensions=(50, 200))
    child.logfile_read = io.StringIO()
    return child, child.logfile_read


def query(path, sql: str) -> list[tuple]:
    """Rows of `sql` on a database opened read-only (the file must exist: nothing is created)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def digest(path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def plain(text: str) -> str:
    """The terminal's text without carriage returns (the pty turns each newline into CR LF)."""
    return text.replace("\r\n", "\n")


def test_walk_from_the_failing_check_through_the_restore_and_the_salvage(incident):
    app, target = incident
    db, backup = app / "prisma" / "dev.db", app / "prisma" / "dev.db.backup"
    started = time.monotonic()
    child, screen = spawn(app, "--transcript", "timeline.md")
    try:
        child.expect_exact("then y (done) or n.")  # the keys, explained once
        child.expect_exact("DB_PATH is not set: ")
        child.expect_exact("DB_PATH = ")
        child.sendline("prisma/dev.db")
        child.expect_exact("export DB_PATH=prisma/dev.db")
        child.expect_exact("Run step 1? [y/N/q] ")
        child.sendline("y")
        child.expect_exact("Step 1 failed (exit")  # the symptom the runbook is there to handle
        child.expect_exact("What it means: " + SCENARIO["steps"][0]["blocks"][0]["on_failure"]["means"])
        child.expect_exact("[C/r/s/q] ")
        child.sendline("")  # Enter: continue
        child.expect_exact("Run step 2? [y/N/q] ")
        child.sendline("y")
        child.expect_exact("Filesystem")
        child.expect_exact("Run step 3? [y/N/q] ")
        child.sendline("y")
        child.expect(r"-rw\S* .* prisma/dev\.db")
        child.expect_exact("sudo systemctl restart postgresql")  # shown for a person, never offered to run
        child.expect_exact("Step 4 is for a person: the runner never runs it. Done by hand? [y/N/q] ")
        child.sendline("n")
        child.expect_exact("Step 5 continues in runbook rollback, step 2/3: " + RESTORE["title"])
        child.expect_exact("Walk it here? [y/N/q] ")
        child.sendline("y")
        for part in (1, 2, 3):
            if part == 3:
                child.expect_exact("DB_BACKUP = ")
                child.sendline("prisma/dev.db.backup")
            child.expect_exact(f"Run step 5 → rollback 2 part {part}? [y/N/q] ")
            child.sendline("y")
        child.expect(r"\nok\r?\n")  # the backup passed its check
        changes = RESTORE["blocks"][3]["changes"].replace("$DB_PATH", "prisma/dev.db")
        child.expect_exact("Changes: " + changes)
        child.expect_exact('Step 5 → rollback 2 part 4 is DESTRUCTIVE. Type "restore" to run it')
        child.expect_exact("(anything else skips it): ")
        child.sendline("restore")
        child.expect_exact("Run step 5 → rollback 2 part 5? [y/N/q] ")
        child.sendline("y")
        child.expect(r"\nok\r?\n")  # the restored database passes its check
        child.expect_exact("Run step 5 → rollback 2 part 6? [y/N/q] ")
        child.sendline("y")
        child.expect_exact(f"ClinicalNote: {ROWS}")  # the rows written since the backup, counted for Data lost
        child.expect_exact("Step 6 is done by a person: done? [y/N/q] ")
        child.sendline("y")
        child.expect_exact("Reached the end of the runbook.")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    print(f"walk took {time.monotonic() - started:.1f} s")
    assert child.exitstatus == 0, plain(screen.getvalue())

    # the database is the backup again, healthy, and the app answers
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    notes = "SELECT id, status FROM ClinicalNote ORDER BY id"
    assert query(db, notes) == query(backup, notes)
    assert call(target.base_url, target.ep["readiness"])[0] == 200
    kept = list((app / "prisma").glob("dev.db.corrupt-*/dev.db"))
    assert len(kept) == 1 and (kept[0].parent / "salvaged.db").is_file()

    # the transcript lists every step, the rollback's parts, their output and the decisions taken
    text = (app / "timeline.md").read_text(encoding="utf-8")
    titles = [s["title"] for s in SCENARIO["steps"]]
    for n, title in enumerate(titles, 1):
        assert f"Step {n}/{len(titles)}: {title}" in text, title
    assert f"Step 5 → rollback step 2: {RESTORE['title']}" in text
    for block in RESTORE["blocks"]:
        assert block["title"] in text
    assert "Decision: continue (the failure is information)." in text
    assert "Done by hand" not in text and "Not done, says the operator." in text
    assert "Confirmed by typing 'restore'." in text
    assert f"ClinicalNote: {ROWS}" in text and "Reached the end of the runbook." in text
    assert text.count("Ran at ") == 3 + 6  # three checks, six parts of the restore


def test_answering_y_to_everything_runs_nothing_destructive(incident):
    app, target = incident
    db, backup = app / "prisma" / "dev.db", app / "prisma" / "dev.db.backup"
    before = {p: digest(p) for p in (db, backup)}
    child, screen = spawn(app, "--set", "DB_PATH=prisma/dev.db", "--set", "DB_BACKUP=prisma/dev.db.backup")
    asked: list[str] = []
    try:
        child.expect_exact("then y (done) or n.")
        while (i := child.expect(PROMPT)) != len(PROMPT) - 1:
            assert i != 4, "a placeholder was asked for although --set gave it"
            assert len(asked) < 30, "the walk does not end: " + plain(screen.getvalue())[-2000:]
            asked.append(plain(child.before).rsplit("\n", 1)[-1] + child.after)
            child.sendline("y")
    finally:
        child.close(force=True)
    out, shown = "\n".join(asked), plain(screen.getvalue())
    assert 'Type "restore" to run it (anything else skips it): ' in out
    assert "Done by hand? [y/N/q] " in out  # the restart: confirmed, never run
    assert child.exitstatus == 1, shown  # the verify part finds the database still corrupt: a stop
    assert "Not confirmed: not run." in shown and "Stopped at Step 5 → rollback 2 part 5." in shown
    assert {p: digest(p) for p in (db, backup)} == before  # same bytes, same mtime
    assert not (app / "prisma" / "dev.db.restoring").exists()
    assert call(target.base_url, target.ep["readiness"])[0] == 503
