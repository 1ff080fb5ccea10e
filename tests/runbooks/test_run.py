"""`playbook run`: step by step from stdin answers, dry run with secrets masked, stop at the first failure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from runbook_env import ROOT, env, manifest

SECRET = "tok-3f9a-not-a-real-token"


def run(*args: str, input: str = "", cwd: Path, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "playbook", "--project", str(ROOT), "run", *args],  # run from another folder
        input=input,
        env=env(**extra),
        capture_output=True,
        text=True,
        cwd=cwd,
    )


def test_dry_run_prints_every_step_masks_secrets_and_runs_nothing(tmp_path):
    out = tmp_path / "t.md"
    proc = run(
        "disable-ai", "--dry-run", "--transcript", str(out), cwd=tmp_path, TOKEN=SECRET, BASE_URL="https://x.test"
    )
    assert proc.returncode == 0, proc.stderr
    steps = manifest()["disable-ai"]["steps"]
    for s in steps:
        assert f"Step {s['number']}/{len(steps)}: {s['title']}" in proc.stdout
    assert 'curl -s -X POST "https://x.test/api/ai/generate-note"' in proc.stdout  # filled from the environment
    assert 'Authorization: Bearer ••••"' in proc.stdout
    text = out.read_text(encoding="utf-8")
    assert SECRET not in proc.stdout + proc.stderr + text
    assert "dry run (nothing was run)" in text and text.count("Not run (dry run).") == len(steps)
    assert "[y/N/q]" not in proc.stdout  # never asked


def test_steps_run_on_yes_and_are_skipped_on_no(tmp_path):
    out = tmp_path / "logs.md"
    steps = manifest()["logs"]["steps"]
    answers = ["n" if s["manual"] else "y" for s in steps]
    proc = run("logs", "--transcript", str(out), input="\n".join(answers) + "\n", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("[y/N/q]") == len(steps)
    assert '"timestamp":"2026-01-14T09:00:01.000Z"' in proc.stdout  # a query ran against the fixture
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Runbook `logs`: ")
    assert text.count("Skipped by the operator.") == answers.count("n") == 1
    assert text.count("exit 0.") == answers.count("y")
    assert "Reached the end of the runbook." in text


def test_stops_at_the_first_failure(tmp_path):
    out = tmp_path / "db.md"
    proc = run(
        "database-down",
        "--transcript",
        str(out),
        input="y\ny\ny\n",
        cwd=tmp_path,
        DB_PATH=str(tmp_path / "no" / "x.db"),
    )
    assert proc.returncode == 1
    assert "Step 1 failed (exit 1): stopping here." in proc.stdout
    assert "unable to open database" in proc.stdout
    assert "Step 2/" not in proc.stdout
    assert "**Failed: stopped at step 1.**" in out.read_text(encoding="utf-8")


def test_quit_and_default_answer(tmp_path):
    proc = run("database-down", "--transcript", str(tmp_path / "q.md"), input="\nq\n", cwd=tmp_path, DB_PATH="x.db")
    assert proc.returncode == 0
    assert "Quit." in proc.stdout and "Step 3/" not in proc.stdout
    text = (tmp_path / "q.md").read_text(encoding="utf-8")
    assert "Skipped by the operator." in text and "Quit here by the operator." in text


def test_missing_input_and_unknown_runbook(tmp_path):
    proc = run("auth-failure-spike", "--transcript", str(tmp_path / "a.md"), cwd=tmp_path, BASE_URL="")
    assert proc.returncode == 2 and "set BASE_URL: Base URL of the Clinical OS app" in proc.stdout
    proc = run("no-such-runbook", cwd=tmp_path)
    assert proc.returncode == 2 and "runbooks with steps: " in proc.stderr


def test_transcript_only_when_asked_and_then_timestamped(tmp_path):
    proc = run("database-down", "--dry-run", cwd=tmp_path)
    assert proc.returncode == 0 and list(tmp_path.iterdir()) == [] and "Transcript:" not in proc.stdout
    proc = run("database-down", "--dry-run", "--transcript", cwd=tmp_path)
    assert proc.returncode == 0
    files = list(tmp_path.glob("transcript-scenarios-database-down-*Z.md"))
    assert len(files) == 1 and f"Transcript: {files[0].name}" in proc.stdout


def test_missing_manifest_is_a_message_not_a_traceback(tmp_path):
    proc = run("database-down", "--runbooks", str(tmp_path), cwd=tmp_path)
    assert proc.returncode == 2
    assert "manifest.json not found; run `playbook extract` first" in proc.stderr and "Traceback" not in proc.stderr
