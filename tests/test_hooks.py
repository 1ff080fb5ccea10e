"""The pre-commit hook runs `playbook check` in a fresh clone; the GitHub workflow passes actionlint."""

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


def test_pre_commit_runs_playbook_check_in_a_fresh_clone(tmp_path):
    clone = _clone(tmp_path)
    proc = _pre_commit(clone, tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "playbook check" in proc.stdout and "Passed" in proc.stdout

    file = clone / "data" / "scenarios" / "database-down.yaml"
    edit(file, "        code: df -h\n", '        code: |-\n          df -h\n          rm -f "$DB_PATH"\n')
    line = file.read_text(encoding="utf-8").splitlines().index('          rm -f "$DB_PATH"') + 1
    proc = _pre_commit(clone, tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"data/scenarios/database-down.yaml:{line}:11: error: DEST001" in proc.stdout, proc.stdout


def test_pre_commit_hooks_offer_the_same_command():
    offered = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    local = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = local["repos"][0]["hooks"][0]
    assert local["repos"][0]["repo"] == "local" and hook["language"] == "system"
    assert [h["id"] for h in offered] == [hook["id"]]
    assert offered[0]["entry"] == "playbook check" and hook["entry"] == ".venv/bin/playbook check"


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
    assert "actions/deploy-pages@" in text and "actions/upload-pages-artifact@" in text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/setup --test" in readme or "scripts/setup --test" in readme
