"""Every step that needs neither production access nor the network runs, in a sandbox, against the fixtures."""

from __future__ import annotations

import shutil
import subprocess

from runbook_env import make_db, manifest, needs_network, run_script


def test_every_local_step_runs_in_a_sandbox(tmp_path):
    work = tmp_path / "app"
    (work / "prisma").mkdir(parents=True)
    git = ["git", "-c", "user.name=drill", "-c", "user.email=drill@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=work, check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "start"], cwd=work, check=True)
    db = make_db(work / "prisma" / "dev.db")
    shutil.copy(db, work / "prisma" / "dev.db.backup")
    ran, failures = 0, []
    for rid, rb in manifest().items():
        for s in rb.get("steps", []):
            if s["manual"] or needs_network(s["code"]):
                continue
            proc = run_script(
                rid, "--yes", str(s["number"]), cwd=work, DB_PATH="prisma/dev.db", DB_BACKUP="prisma/dev.db.backup"
            )
            ran += 1
            if proc.returncode != 0:
                failures.append(f"{s['page']}:{s['line']} ({rid} step {s['number']}: {s['title']}):\n{proc.stderr}")
    assert not failures, "\n".join(failures)
    assert ran >= 15


def test_what_is_not_run_here_is_manual_or_needs_the_network():
    skipped = [
        s["code"] for rb in manifest().values() for s in rb.get("steps", []) if s["manual"] or needs_network(s["code"])
    ]
    for code in skipped:
        assert any(tool in code for tool in ("vercel ", "systemctl ", "curl ")), code
