"""`playbook run`: step by step from stdin answers; failures read as information, stops, typed confirmations."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from runbook_env import ROOT, env, make_db, manifest

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


def test_steps_run_on_yes_and_manual_ones_are_confirmed_never_run(tmp_path):
    out = tmp_path / "logs.md"
    rb = manifest()["logs"]
    steps = {s["number"]: s for s in rb["steps"]}
    # one answer per prompt, in page order: y for each runnable block, n for the manual one (asked whether it was
    # done by hand, never offered to run), y ("done") for a step a person does (the Vercel dashboard)
    answers, person, manual = [], [], []
    for u in rb["walk"]:
        runs = [b for b in u["blocks"] if b["step"]]
        answers += ["n" if steps[b["step"]]["manual"] else "y" for b in runs] or ["y"]
        person += [] if runs else [u["title"]]
        manual += [steps[b["step"]]["code"] for b in runs if steps[b["step"]]["manual"]]
    assert person and manual, "the logs page has a step with no command, and a manual one"
    proc = run("logs", "--transcript", str(out), input="\n".join(answers) + "\n", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("? [y/N/q]") == len(answers)
    assert proc.stdout.count("Done by hand? [y/N/q]") == len(manual) == 1
    assert proc.stdout.count("done by a person: done?") == len(person)
    assert '"timestamp":"2026-01-14T09:00:01.000Z"' in proc.stdout  # a query ran against the fixture
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Runbook `logs`: ")
    assert text.count("Not done, says the operator.") == 1
    assert text.count("Ran at ") == answers.count("y") - len(person)  # every y ran its block; the manual one never
    assert text.count("Done, says the operator.") == len(person)
    assert "Reached the end of the runbook." in text


def _yaml_block(file: str, step: int, block: int = 1) -> dict:
    """The data of one block, read with plain YAML (not the package's loader)."""
    return yaml.safe_load((ROOT / file).read_text(encoding="utf-8"))["steps"][step - 1]["blocks"][block - 1]


def test_a_failing_check_is_information_and_the_walk_goes_on(tmp_path):
    out = tmp_path / "db.md"
    means = _yaml_block("data/scenarios/database-down.yaml", 1)["on_failure"]["means"]
    # step 1 fails (no file): Enter continues; step 2 runs; step 3 fails too: r retries it, then c continues;
    # step 4 is a person's (not done); the restore is not walked here and not done; then quit at step 6
    answers = ["y", "", "y", "y", "r", "c", "n", "n", "n", "q"]
    proc = run("database-down", "--transcript", str(out), input="\n".join(answers) + "\n", cwd=tmp_path,
               DB_PATH=str(tmp_path / "no" / "x.db"))  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Step 1 failed (exit 1)." in proc.stdout and "unable to open database" in proc.stdout
    assert f"What it means: {means}" in proc.stdout
    assert "Filesystem" in proc.stdout  # step 2 ran after the failure
    assert proc.stdout.count("Step 3 failed (exit 2).") == 2  # ls, run twice
    text = out.read_text(encoding="utf-8")
    assert text.count("Decision: continue (the failure is information).") == 2
    assert text.count("Decision: retry.") == 1
    assert "Step 6/6: Notify team" in text and "Quit here by the operator." in text


def test_a_safety_check_stops_the_walk_and_says_why(tmp_path):
    """The restore's backup check fails on purpose on a corrupt backup: the walk stops before the restore."""
    db, backup = make_db(tmp_path / "dev.db"), tmp_path / "dev.db.backup"
    backup.write_bytes(b"not a database at all, a torn copy" * 100)
    before = (db.read_bytes(), db.stat().st_mtime_ns)
    means = yaml.safe_load((ROOT / "data/procedures/rollback.yaml").read_text())["steps"][1]["blocks"][2]
    assert means["on_failure"]["next"] == "stop"
    # rollback step 1: git log (fails outside a checkout: continue), vercel rollback is manual (not done);
    # step 2: parts 1 to 3 run; part 3 stops: r retries it once, Enter stops
    answers = ["y", "", "n", "y", "y", "y", "r", ""]
    proc = run("rollback", input="\n".join(answers) + "\n", cwd=tmp_path, DB_PATH=str(db), DB_BACKUP=str(backup))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout.count("Step 2 part 3 failed (exit 1).") == 2  # run, then retried
    assert f"What it means: {means['on_failure']['means']}" in proc.stdout
    assert "Stopped at Step 2 part 3." in proc.stdout
    assert "4. Restore" not in proc.stdout and "Reached the end" not in proc.stdout
    # part 2 is not read-only (mkdir, cp) but its data says why it is safe: shown with it, run on a plain y
    part2 = proc.stdout.split("-- 2. Keep the corrupt database", 1)[1].split("-- 3. Check the backup", 1)[0]
    assert "NOT READ-ONLY" in part2 and "DESTRUCTIVE" not in part2
    assert "Why it is safe: Copies into a new timestamped folder" in part2 and "Not proven read-only: mkdir" in part2
    assert "Run step 2 part 2? [y/N/q]" in part2 and len(list(tmp_path.glob("dev.db.corrupt-*"))) == 1
    assert (db.read_bytes(), db.stat().st_mtime_ns) == before


def test_a_destructive_block_runs_only_on_its_typed_word_even_when_the_manifest_forgets_it(tmp_path):
    """`y` never runs a destructive block, even when its marks were lost from runbooks/ (the data's count)."""
    folder = tmp_path / "runbooks"
    folder.mkdir()
    data = manifest()
    for s in data["rollback"]["steps"]:
        s["destructive"] = False  # a tampered or stale manifest
    (folder / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    db, backup = make_db(tmp_path / "dev.db"), make_db(tmp_path / "dev.db.backup")
    before = (db.read_bytes(), db.stat().st_mtime_ns)
    answers = ["n", "n", "y", "y", "y", "y", "q"]  # skip git log, vercel not done; parts 1-3 run; part 4: y
    proc = run("rollback", "--runbooks", str(folder), input="\n".join(answers) + "\n", cwd=tmp_path,
               DB_PATH=str(db), DB_BACKUP=str(backup))  # fmt: skip
    assert 'is DESTRUCTIVE. Type "restore" to run it' in proc.stdout and "Not confirmed: not run." in proc.stdout
    assert (db.read_bytes(), db.stat().st_mtime_ns) == before and not (tmp_path / "dev.db.restoring").exists()


def test_a_command_the_data_does_not_hold_is_destructive_unless_proven_read_only(tmp_path):
    """A block of runbooks/ that is not in the data (a hand-edited manifest) is judged by its own commands."""
    folder = tmp_path / "runbooks"
    folder.mkdir()
    data = manifest()
    rb = data["scenarios/database-down"]
    rm = 'rm -f -- "$DB_PATH"'
    n = next(s["number"] for s in rb["steps"] if s["code"] == 'ls -la "$DB_PATH"')
    rb["steps"][n - 1]["code"] = rm
    next(b for u in rb["walk"] for b in u["blocks"] if b["step"] == n)["code"] = rm
    (folder / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    db = make_db(tmp_path / "dev.db")
    proc = run("database-down", "--runbooks", str(folder), input="n\nn\ny\nq\n", cwd=tmp_path, DB_PATH=str(db))
    assert "Note: 1 block(s) of runbooks/ are not in the data as it is now" in proc.stdout
    assert "The runner treats it as destructive: rm -f -- $DB_PATH: `rm` is not on the list of read-only" in proc.stdout
    assert f'Step {n} is DESTRUCTIVE. Type "check database file permissions" to run it' in proc.stdout
    assert "Not confirmed: not run." in proc.stdout and db.is_file()


def test_quit_and_default_answer(tmp_path):
    proc = run("database-down", "--transcript", str(tmp_path / "q.md"), input="\nq\n", cwd=tmp_path, DB_PATH="x.db")
    assert proc.returncode == 0
    assert "Quit." in proc.stdout and "Step 3/" not in proc.stdout
    text = (tmp_path / "q.md").read_text(encoding="utf-8")
    assert "Skipped by the operator." in text and "Quit here by the operator." in text


def test_an_unset_placeholder_is_asked_for_with_its_meaning_and_export_line(tmp_path):
    meta = {p["name"]: p for p in yaml.safe_load((ROOT / "data/meta.yaml").read_text())["placeholders"]}
    out = tmp_path / "a.md"
    proc = run("auth-failure-spike", "--transcript", str(out), input="http://127.0.0.1:9\nn\nq\n", cwd=tmp_path,
               BASE_URL="")  # fmt: skip
    assert f"BASE_URL is not set: {meta['BASE_URL']['meaning']} (e.g. {meta['BASE_URL']['default']})" in proc.stdout
    assert "export BASE_URL=http://127.0.0.1:9" in proc.stdout
    assert 'curl -s "http://127.0.0.1:9/api/' in proc.stdout  # the command shown with the value given
    assert "BASE_URL set by the operator: `export BASE_URL=http://127.0.0.1:9`" in out.read_text(encoding="utf-8")
    # no answer at all (the input ends): a clear stop, as a quit, saying how to give it; nothing ran
    proc = run("auth-failure-spike", "--transcript", str(out), cwd=tmp_path, BASE_URL="")
    assert proc.returncode == 0 and "Stopped: BASE_URL is not set (give it with --set BASE_URL=VALUE" in proc.stdout
    assert "Ran at" not in out.read_text(encoding="utf-8") and "Step 2/" not in proc.stdout
    # given up front: not asked
    proc = run("auth-failure-spike", "--set", "BASE_URL=http://127.0.0.1:9", input="n\nq\n", cwd=tmp_path, BASE_URL="")
    assert "BASE_URL is not set" not in proc.stdout and 'curl -s "http://127.0.0.1:9/api/' in proc.stdout


def test_a_secret_placeholder_is_asked_for_and_never_shown(tmp_path):
    out = tmp_path / "s.md"
    # disable-ai: step 1 is manual (not done), its TypeScript shown; step 2 calls the API with $TOKEN
    proc = run("disable-ai", "--transcript", str(out), input=f"n\n{SECRET}\nq\n", cwd=tmp_path, TOKEN="")
    assert "TOKEN is not set: " in proc.stdout and "read -rs TOKEN && export TOKEN" in proc.stdout
    assert "Authorization: Bearer ••••" in proc.stdout
    assert SECRET not in proc.stdout + proc.stderr + out.read_text(encoding="utf-8")


def test_bad_set_and_unknown_runbook_are_messages(tmp_path):
    proc = run("database-down", "--set", "NOPE=1", cwd=tmp_path)
    assert proc.returncode == 2 and "--set NOPE: not a placeholder of data/meta.yaml" in proc.stderr
    proc = run("database-down", "--set", "DB_PATH", cwd=tmp_path)
    assert proc.returncode == 2 and "write NAME=VALUE" in proc.stderr and "Traceback" not in proc.stderr
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
    assert [line.split(":")[0] for line in person] == ["== Step 4/6", "== Step 6/6"]  # the restart; the chat
    # live: every command refused, the restart not done, the restore not walked here nor done; the chat posted
    proc = run("database-down", input="n\nn\nn\nn\nn\nn\ny\n", cwd=tmp_path, DB_PATH=str(tmp_path / "x.db"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Done by hand? [y/N/q]" in proc.stdout and "sudo systemctl" in proc.stdout
    assert proc.stdout.count("done by a person: done? [y/N/q]") == 2
    assert "Reached the end of the runbook." in proc.stdout and list(tmp_path.iterdir()) == []


def _yaml_lines(file: str) -> list[str]:
    return (ROOT / file).read_text(encoding="utf-8").splitlines()


def test_run_cites_the_yaml_file_and_line_of_every_step_and_block(tmp_path):
    """Each step and block is cited where an editor changes it; the lines are found here by reading the files."""
    proc = run("database-down", "--dry-run", cwd=tmp_path)
    assert "scenarios/database-down.md:" not in proc.stdout
    for file, wanted in (("data/scenarios/database-down.yaml", None), ("data/procedures/rollback.yaml", [1])):
        lines = _yaml_lines(file)
        steps = [n for n, line in enumerate(lines, 1) if line.startswith("  - title:")]
        for i, at in enumerate(steps):
            if wanted is not None and i not in wanted:
                continue
            title = yaml.safe_load(lines[at - 1].split(":", 1)[1])
            assert f": {title}  ({file}:{at})" in proc.stdout, (file, title)
            end = steps[i + 1] if i + 1 < len(steps) else len(lines)
            blocks = [n for n in range(at, end) if lines[n - 1].startswith("      - kind:")]
            for n in blocks:
                assert f"({file}:{n})" in proc.stdout, (file, title, n)
    assert "Step 5 continues in runbook rollback, step 2/3: Restore the database from backup." in proc.stdout


def test_a_link_to_a_whole_runbook_names_the_command_that_walks_it(tmp_path):
    proc = run("ai-service-down", "--dry-run", cwd=tmp_path)
    assert "(See also the runbook disable-ai: playbook run disable-ai)" in proc.stdout
