"""A plain `pip install .` (a wheel, not editable) serves a copy of the playbook in any folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, edit

MARKER = "Check database connection (copy marker)"


def _run(cmd: list, cwd: Path, **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, check=False, **kw)
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The `playbook` command of a temporary venv holding the wheel built from this source tree."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src-copy"  # built from a copy, so the build leaves nothing in the working tree
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "src", src / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    _run([*pip, "wheel", "-q", "--no-deps", "--no-build-isolation", "--no-index", "-w", tmp / "dist", src], cwd=tmp)
    (wheel,) = (tmp / "dist").glob("*.whl")
    names = subprocess.run([sys.executable, "-m", "zipfile", "-l", wheel], capture_output=True, text=True).stdout
    assert "playbook/cli/main.py" in names and "playbook_dev" not in names  # developer tools stay out
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=tmp)
    _run([venv / "bin/python", "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel], cwd=tmp)
    # The dependencies (mkdocs, pydantic, ...) come from this venv's site-packages, read as a plain path:
    # its .pth files (the editable install of this tree among them) are not processed there.
    (site,) = (venv / "lib").glob("python3*/site-packages")
    (site / "zz-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    where = _run([venv / "bin/python", "-c", "import playbook.cli.main as m; print(m.__file__)"], cwd=tmp).stdout
    assert where.startswith(str(venv)), where
    return venv / "bin" / "playbook"


def test_wheel_runs_check_build_extract_and_run_from_a_copy_elsewhere(installed, tmp_path):
    copy = copy_project(tmp_path / "playbook-copy")
    edit(copy / "data" / "scenarios" / "database-down.yaml", "- title: Check database connection", f"- title: {MARKER}")
    shutil.rmtree(copy / "runbooks")
    # ShellCheck on PATH, as `bash scripts/setup --test` leaves it (copy_project links tsc)
    work = copy / "data" / "scenarios"  # run from inside the copy: the project is found upward

    path = f"{Path(sys.executable).parent}:{os.environ['PATH']}"
    check = _run([installed, "check"], cwd=work, env={**os.environ, "PATH": path})
    assert "0 errors" in check.stderr
    _run([installed, "build"], cwd=work)
    page = (copy / "site" / "scenarios" / "database-down.html").read_text(encoding="utf-8")
    assert MARKER in page
    assert MARKER not in _repo_site_page()  # nothing was built into this repository

    extract = _run([installed, "extract"], cwd=work)
    assert "wrote runbooks/manifest.json" in extract.stdout.splitlines()  # into the copy (its runbooks/ was removed)
    manifest = json.loads((copy / "runbooks" / "manifest.json").read_text(encoding="utf-8"))
    assert any(s["title"] == MARKER for s in manifest["scenarios/database-down"]["steps"])

    run = _run([installed, "run", "database-down", "--dry-run", "--transcript", tmp_path / "t.md"], cwd=work)
    assert MARKER in run.stdout


def _repo_site_page() -> str:
    page = ROOT / "site" / "scenarios" / "database-down.html"
    return page.read_text(encoding="utf-8") if page.exists() else ""
