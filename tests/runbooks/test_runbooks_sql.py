"""sqlite3: every statement compiles against a stand-in Clinical OS schema and gives the fixture's answer."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest

from playbook.runbooks.blockcheck import sql_database, sql_explain
from playbook.runbooks.toolcheck import sqlite_statements
from runbook_env import ROOT, make_db, manifest, run_script, step_number

# tests/fixtures/clinical-os-rows.sql inserts 3 draft, 12 finalized and 1 amended ClinicalNote rows.
STATUS_COUNTS = {"draft": 3, "finalized": 12, "amended": 1}


def _sqlite(db: Path, sql: str) -> subprocess.CompletedProcess:
    return subprocess.run(["sqlite3", str(db), sql], capture_output=True, text=True)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return make_db(tmp_path / "dev.db")


def corrupt(db: Path, dest: Path) -> Path:
    """A copy of `db` whose ClinicalNote table page has a smashed cell-pointer array."""
    root = int(_sqlite(db, "SELECT rootpage FROM sqlite_master WHERE name = 'ClinicalNote';").stdout)
    size = int(_sqlite(db, "PRAGMA page_size;").stdout)
    shutil.copy(db, dest)
    with dest.open("r+b") as f:
        f.seek((root - 1) * size + 8)
        f.write(b"\xff" * 64)
    return dest


def torn_index(db: Path, dest: Path) -> Path:
    """A copy of `db` whose ClinicalNote status index page is garbage (a torn write): its rows survive."""
    root = int(_sqlite(db, "SELECT rootpage FROM sqlite_master WHERE name = 'ClinicalNote_status_idx';").stdout)
    size = int(_sqlite(db, "PRAGMA page_size;").stdout)
    shutil.copy(db, dest)
    with dest.open("r+b") as f:
        f.seek((root - 1) * size)
        f.write(b"\xde\xad" * (size // 2))
    return dest


def _statements():
    for rid, rb in manifest().items():
        for s in rb.get("steps", []):
            for sql in sqlite_statements(s["code"]):
                yield rid, s, sql


def test_the_fixture_has_the_rows_it_says(db):
    rows = _sqlite(db, "SELECT id, status FROM ClinicalNote;").stdout.split()
    for status, n in STATUS_COUNTS.items():
        assert sum(r.endswith(f"|{status}") and r.startswith(f"note_{status}_") for r in rows) == n


# The statements are compiled as `playbook check` compiles them (TOOL004): one way, SQLite's own library.
APP_SCHEMA = ROOT / "data" / "app" / "clinical-os-schema.sql"


def test_every_statement_compiles_against_the_schema():
    con = sql_database(APP_SCHEMA)
    stmts = list(_statements())
    assert len(stmts) >= 5
    problems = [
        f"{s['page']}:{s['line']} ({rid} step {s['number']}): {sql}\n{msg}"
        for rid, s, sql in stmts
        if (msg := sql_explain(con, sql))
    ]
    assert not problems, "\n".join(problems)


def test_explain_rejects_a_wrong_column():
    assert "no such column: state" in sql_explain(sql_database(APP_SCHEMA), "SELECT id, state FROM ClinicalNote;")


def _rows(db: Path, sql: str) -> list[str]:
    """A query's rows as the sqlite3 shell prints them (list mode: `|` between values, NULL empty), answered by
    SQLite's library, not the shell the script runs."""
    with closing(sqlite3.connect(db)) as con:
        return ["|".join("" if v is None else str(v) for v in row) for row in con.execute(sql)]


def test_state_queries_give_the_fixture_answer(db):
    """The state step prints each of its queries' rows, in order, whatever queries the data gives it; the two
    it has today give the fixture's known counts."""
    rid = "scenarios/write-operations-failing"
    n = step_number(rid, "GROUP BY status")
    proc = run_script(rid, str(n), DB_PATH=str(db))
    assert proc.returncode == 0, proc.stderr
    queries = sqlite_statements(manifest()[rid]["steps"][n - 1]["code"])
    assert proc.stdout.splitlines() == [row for sql in queries for row in _rows(db, sql)]
    finalized = _rows(db, next(q for q in queries if "status = 'finalized' LIMIT 10" in q))
    assert all(line.startswith("note_finalized_") and line.endswith("|finalized") for line in finalized)
    assert len(set(finalized)) == 10  # LIMIT 10 of the 12 finalized notes
    breakdown = _rows(db, next(q for q in queries if "GROUP BY status" in q))
    assert {k: int(v) for k, v in (line.split("|") for line in breakdown)} == STATUS_COUNTS


def test_database_down_checks_run(db):
    rid = "scenarios/database-down"
    proc = run_script(rid, str(step_number(rid, "SELECT 1")), DB_PATH=str(db))
    assert (proc.returncode, proc.stdout) == (0, "1\nok\n"), proc.stderr  # SELECT 1, then integrity_check
    proc = run_script(rid, str(step_number(rid, "ls -la")), DB_PATH=str(db))
    assert proc.returncode == 0 and proc.stdout.rstrip().endswith(str(db)), proc.stderr
    proc = run_script(rid, str(step_number(rid, "df -h")), DB_PATH=str(db))
    assert proc.returncode == 0 and proc.stdout.startswith("Filesystem"), proc.stderr
    proc = run_script(rid, str(step_number(rid, "SELECT 1")), DB_PATH=str(db.parent / "missing" / "dev.db"))
    assert proc.returncode != 0 and "unable to open database" in proc.stderr


def test_integrity_check_tells_a_good_file_from_a_corrupted_one(db, tmp_path):
    sql = "PRAGMA integrity_check;"
    assert sql in [q for _, _, q in _statements()]
    assert _sqlite(db, sql).stdout == "ok\n"
    bad = _sqlite(corrupt(db, tmp_path / "bad.db"), sql)
    assert bad.stdout != "ok\n"
    assert "On tree page" in bad.stdout or "malformed" in bad.stderr


def _restore_parts() -> list[str]:
    """The step numbers of rollback.sh's restore, in page order (stop writes ... salvage), found by their code."""
    needles = [
        "fuser ",
        "mkdir -- ",
        'sqlite3 -readonly "$DB_BACKUP"',
        ".restore ",
        'sqlite3 -readonly "$DB_PATH"',
        ".dump",
    ]
    return [str(step_number("rollback", n)) for n in needles]


def _app(db: Path, tmp_path: Path, backup_ok: bool = True) -> tuple[Path, Path, Path]:
    """An app checkout whose database is corrupt, with one note written after the backup and a stale -wal."""
    work = tmp_path / "app"
    (work / "prisma").mkdir(parents=True)
    backup = work / "prisma" / "dev.db.backup"
    shutil.copy(db, backup)
    if not backup_ok:
        corrupt(db, backup)
    late = "INSERT INTO ClinicalNote VALUES ('late', 's', 'user_456', 'draft', 'x', '2026-01-14', '2026-01-14', NULL);"
    assert _sqlite(db, late).returncode == 0
    live = torn_index(db, work / "prisma" / "dev.db")
    assert _sqlite(live, "PRAGMA integrity_check;").stdout != "ok\n"
    (work / "prisma" / "dev.db-wal").write_bytes(b"stale wal of a crashed writer")
    return work, live, backup


PATHS = {"DB_PATH": "prisma/dev.db", "DB_BACKUP": "prisma/dev.db.backup"}  # relative, as the page says


def test_restore_keeps_the_corrupt_file_restores_and_counts_what_it_salvaged(db, tmp_path):
    work, live, backup = _app(db, tmp_path)
    before = live.read_bytes()
    stop, keep, check, restore, verify, salvage = _restore_parts()

    # part 2 copies into a new folder: not read-only, so the script says why it is safe and asks (yes); the
    # restore asks next (no)
    refused = run_script("rollback", stop, keep, check, restore, input="yes\nno\n", cwd=work, **PATHS)
    assert refused.returncode == 1 and "not confirmed: stopping" in refused.stderr
    assert "Why it is safe: Copies into a new timestamped folder" in refused.stderr
    # before it asks, the script says what the restore changes and how to undo it, as the page does
    assert (
        "Changes: Replaces the database file at $DB_PATH" in refused.stderr and "Undo: Stop the app" in refused.stderr
    )
    assert live.read_bytes() == before  # nothing was overwritten
    (kept,) = work.glob("prisma/dev.db.corrupt-*")
    assert (kept / "dev.db").read_bytes() == before and (kept / "dev.db-wal").is_file()
    shutil.rmtree(kept)

    done = run_script("rollback", "--yes", *_restore_parts(), cwd=work, **PATHS)
    assert done.returncode == 0, done.stderr
    assert _sqlite(live, ".dump").stdout == _sqlite(backup, ".dump").stdout  # the backup's rows, via .restore
    assert _sqlite(live, "PRAGMA integrity_check;").stdout == "ok\n"
    assert not (work / "prisma" / "dev.db-wal").exists()  # the stale side file is gone from beside it ...
    (kept,) = work.glob("prisma/dev.db.corrupt-*")
    assert (kept / "dev.db").read_bytes() == before and (kept / "dev.db-wal").is_file()  # ... and kept
    counts = dict(line.split(": ") for line in done.stdout.splitlines() if line.startswith(("ClinicalNote:", "User:")))
    assert counts == {"ClinicalNote": "1", "User": "0"}  # the note written after the backup
    assert _sqlite(kept / "salvaged.db", "SELECT id FROM ClinicalNote WHERE id = 'late';").stdout == "late\n"


def test_restore_stops_before_overwriting_anything_when_the_backup_is_corrupt(db, tmp_path):
    work, live, _ = _app(db, tmp_path, backup_ok=False)
    before = {f.name: f.read_bytes() for f in (work / "prisma").iterdir()}
    proc = run_script("rollback", "--yes", *_restore_parts(), cwd=work, **PATHS)
    assert proc.returncode == 1 and "the backup failed its integrity check" in proc.stderr
    assert "Step " + _restore_parts()[3] not in proc.stderr  # the restore never started
    after = {f.name: f.read_bytes() for f in (work / "prisma").iterdir() if f.is_file()}
    assert after == before


@pytest.mark.parametrize("rid", ["rollback", "scenarios/write-operations-failing"])
def test_recent_changes_step_runs_in_the_repository(rid):
    proc = run_script(rid, str(step_number(rid, "git log")), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert 1 <= len(proc.stdout.splitlines()) <= 10
