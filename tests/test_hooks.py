"""The pre-commit hooks run `playbook check` and `generate --check` in a fresh clone; the workflow passes actionlint."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT, copy_project, edit

BIN = Path(sys.executable).parent


def _git(repo: Path, *args: str) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, *args], cwd=repo, check=True, capture_output=True)


def _clone(tmp: Path) -> Path:
    """A fresh git clone of a copy of the playbook, its tools (.venv, node_modules) linked from this checkout."""
    origin = copy_project(tmp / "origin")
    shutil.copy2(ROOT / ".pre-commit-config.yaml", origin)
    shutil.copy2(ROOT / ".gitignore", origin)  # as in a real clone: the linked tools are never committed
    _git(origin, "init", "-q")
    _git(origin, "add", "-A")
    _git(origin, "commit", "-qm", "playbook")
    subprocess.run(["git", "clone", "-q", str(origin), str(tmp / "clone")], check=True, capture_output=True)
    clone = tmp / "clone"
    (clone / ".venv").symlink_to(ROOT / ".venv")
    (clone / "node_modules").symlink_to(ROOT / "node_modules")
    return clone


def _pre_commit(clone: Path, tmp: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp / "pre-commit-home"), "PATH": f"{BIN}:{os.environ['PATH']}"}
    return subprocess.run(
        [str(BIN / "pre-commit"), "run", "--all-files"], cwd=clone, env=env, capture_output=True, text=True
    )


def _status(out: str, hook: str) -> str:
    """What pre-commit says of `hook` (its name): Passed, Failed, …"""
    return next(line.rsplit(".", 1)[-1] for line in out.splitlines() if line.startswith(hook + "..."))


def test_pre_commit_runs_playbook_check_in_a_fresh_clone(tmp_path):
    clone = _clone(tmp_path)
    proc = _pre_commit(clone, tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _status(proc.stdout, "playbook check") == "Passed"
    assert _status(proc.stdout, "playbook generate --check") == "Passed"

    file = clone / "data" / "scenarios" / "database-down.yaml"
    edit(file, "        code: df -h\n", '        code: |-\n          df -h\n          rm -f "$DB_PATH"\n')
    line = file.read_text(encoding="utf-8").splitlines().index('          rm -f "$DB_PATH"') + 1
    proc = _pre_commit(clone, tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"data/scenarios/database-down.yaml:{line}:11: error: DEST001" in proc.stdout, proc.stdout


def test_pre_commit_fails_on_a_stale_generated_file(tmp_path):
    clone = _clone(tmp_path)
    # a value the seed does not give (its slow-query alert waits 10 minutes): the data passes, the rules file is stale
    edit(clone / "data" / "alerts.yaml", "    for: 10m\n", "    for: 15m\n")
    proc = _pre_commit(clone, tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert _status(proc.stdout, "playbook check") == "Passed"
    assert _status(proc.stdout, "playbook generate --check") == "Failed"
    assert "alerts/playbook.rules.yml: differs from the data; run: playbook generate" in proc.stdout


def test_pre_commit_hooks_offer_the_same_commands():
    offered = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    local = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = local["repos"][0]["hooks"]
    assert local["repos"][0]["repo"] == "local" and {h["language"] for h in [*hooks, *offered]} == {"system"}
    assert [h["id"] for h in offered] == [h["id"] for h in hooks] == ["playbook-check", "playbook-generate"]
    assert [h["entry"] for h in offered] == ["playbook check", "playbook generate --check"]
    assert [h["entry"] for h in hooks] == [".venv/bin/" + h["entry"] for h in offered]
    assert [h["name"] for h in hooks] == [h["name"] for h in offered]


def test_workflow_passes_actionlint_and_sets_up_as_the_readme_says():
    workflow = ROOT / ".github" / "workflows" / "playbook.yml"
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"}  # actionlint runs ShellCheck on run: steps
    proc = subprocess.run(
        [str(BIN / "actionlint"), "-no-color", str(workflow)], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = workflow.read_text(encoding="utf-8")
    runs = [s["run"] for job in yaml.safe_load(text)["jobs"].values() for s in job["steps"] if "run" in s]
    assert "bash scripts/setup --test" in runs and "pip install" not in text
    assert ".venv/bin/playbook check --format github" in runs and ".venv/bin/playbook build" in runs
    check = [s.get("run") for s in yaml.safe_load(text)["jobs"]["check"]["steps"]]
    assert check.index(".venv/bin/playbook generate --check") < check.index("bash scripts/test -q")
    assert "actions/deploy-pages@" in text and "actions/upload-pages-artifact@" in text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/setup --test" in readme or "scripts/setup --test" in readme
