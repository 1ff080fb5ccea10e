"""`playbook run`: step by step from stdin answers, dry run with secrets masked, stop at the first failure."""

from __future__ import annotations

import re
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
    steps, units = manifest()["disable-ai"]["steps"], manifest()["disable-ai"]["walk"]
    for n, u in enumerate(units, 1):
        assert f"Step {n}/{len(units)}: {u['title']}" in proc.stdout
    assert 'curl -s -X POST "https://x.test/api/ai/generate-note"' in proc.stdout  # filled from the environment
    assert 'Authorization: Bearer ••••"' in proc.stdout
    text = out.read_text(encoding="utf-8")
    assert SECRET not in proc.stdout + proc.stderr + text
    assert "dry run (nothing was run)" in text and text.count("Not run (dry run).") == len(steps)
    assert "[y/N/q]" not in proc.stdout  # never asked


def test_steps_run_on_yes_and_are_skipped_on_no(tmp_path):
    out = tmp_path / "logs.md"
    rb = manifest()["logs"]
    steps = {s["number"]: s for s in rb["steps"]}
    # one answer per prompt, in page order: each runnable block (the manual one refused), or "done" for a
    # step a person does (the Vercel dashboard)
    answers, person = [], []
    for u in rb["walk"]:
        runs = [b for b in u["blocks"] if b["step"]]
        answers += ["n" if steps[b["step"]]["manual"] else "y" for b in runs] or ["y"]
        person += [] if runs else [u["title"]]
    assert person, "the logs page has a step with no command"
    proc = run("logs", "--transcript", str(out), input="\n".join(answers) + "\n", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("[y/N/q]") == len(answers)
    assert proc.stdout.count("done by a person: done?") == len(person)
    assert '"timestamp":"2026-01-14T09:00:01.000Z"' in proc.stdout  # a query ran against the fixture
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Runbook `logs`: ")
    assert text.count("Skipped by the operator.") == answers.count("n") == 1
    assert text.count("exit 0.") == answers.count("y") - len(person)
    assert text.count("Done, says the operator.") == len(person)
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
    assert "manifest.json not found; run `playbook generate` first" in proc.stderr and "Traceback" not in proc.stderr


def _page_steps() -> dict[str, list[tuple[str, str | None]]]:
    """(title, text) of every step each runbook page shows, from the data: a scenario's steps, or the steps
    and log queries of the procedure its docs page renders; a page of blocks alone, its blocks' headings."""
    from playbook.data.load import load_catalog

    cat = load_catalog(ROOT / "data")
    found = {}
    for rid, rb in manifest().items():
        if not rb.get("steps"):
            continue
        if rid.startswith("scenarios/"):
            data = cat.scenarios[rid.removeprefix("scenarios/")]
        else:
            called = re.search(r'procedure\("([^"]+)"\)', (ROOT / "docs" / rb["page"]).read_text(encoding="utf-8"))
            data = cat.procedures[called.group(1)] if called else None
        if data is None:
            found[rid] = [(s["title"], None) for s in rb["steps"]]
            continue
        found[rid] = [(s.title, s.text) for s in data.steps] + [(q.title, None) for q in getattr(data, "queries", [])]
    return found


def _plain(text: str) -> str:
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("`", "").replace("**", "")


def test_dry_run_of_every_runbook_shows_every_step_of_its_page_with_its_text_and_writes_nothing(tmp_path):
    for rid, want in _page_steps().items():
        proc = run(rid, "--dry-run", cwd=tmp_path, TOKEN=SECRET)
        assert proc.returncode == 0, proc.stderr
        shown = re.findall(r"^== Step (\d+)/(\d+): (.*?)  \(", proc.stdout, re.M)
        assert len(shown) == len(want), (rid, shown, want)
        for n, (number, total, title) in enumerate(shown, 1):
            assert (int(number), int(total)) == (n, len(want))
            assert title.startswith(want[n - 1][0]) or title.endswith(want[n - 1][0]), (rid, title, want[n - 1])
            if want[n - 1][1]:
                assert _plain(want[n - 1][1]) in proc.stdout, (rid, want[n - 1][1])
        assert "[y/N/q]" not in proc.stdout and "Reached the end of the runbook." in proc.stdout
        assert list(tmp_path.iterdir()) == [], rid  # a dry run writes nothing


def test_chat_and_text_steps_are_for_a_person_and_confirmed_in_a_live_run(tmp_path):
    proc = run("database-down", "--dry-run", cwd=tmp_path)
    assert "== Step 6/6: Notify team" in proc.stdout and "post it in the chat" in proc.stdout
    assert "Step 5/6: If database is corrupted: restore from backup" in proc.stdout
    assert "If disk is full → Free up space." in proc.stdout and "Should be readable/writable." in proc.stdout
    person = [line for line in proc.stdout.splitlines() if "FOR A PERSON" in line]
    assert [line.split(":")[0] for line in person] == ["== Step 5/6", "== Step 6/6"]
    # live: every command refused, then the two person steps confirmed; nothing is run
    proc = run("database-down", input="n\nn\nn\nn\ny\ny\n", cwd=tmp_path, DB_PATH=str(tmp_path / "x.db"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("done by a person: done? [y/N/q]") == 2
    assert "Reached the end of the runbook." in proc.stdout and list(tmp_path.iterdir()) == []
