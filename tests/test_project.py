"""The project is found from where you stand (or given), and every path follows from it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, edit
from playbook import project as projects


def test_found_from_a_subfolder(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "data" / "scenarios").mkdir(parents=True)
    p = projects.find(cwd=tmp_path / "data" / "scenarios", environ={})
    assert p.root == tmp_path.resolve()
    assert (p.data, p.docs, p.runbooks, p.schema) == (
        p.root / "data",
        p.root / "docs",
        p.root / "runbooks",
        p.root / "data" / "schema",
    )


def test_given_project_and_data_win_over_the_current_folder(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "mkdocs.yml").write_text("site_name: x\n")
    env = {projects.PROJECT_ENV: str(tmp_path / "b")}
    assert projects.find(cwd=tmp_path / "a", environ=env).root == (tmp_path / "b").resolve()
    assert projects.find(tmp_path / "a", cwd=tmp_path / "b", environ=env).root == (tmp_path / "a").resolve()
    other = projects.find(cwd=tmp_path / "a", environ={projects.DATA_ENV: str(tmp_path / "d")})
    assert (other.root, other.data) == ((tmp_path / "a").resolve(), (tmp_path / "d").resolve())


def test_no_project_is_a_message_that_names_the_folder_and_the_way_out(tmp_path):
    with pytest.raises(projects.ProjectError, match=r"no mkdocs\.yml in .* or any folder above it.*--project DIR"):
        projects.find(cwd=tmp_path, environ={})
    with pytest.raises(projects.ProjectError, match="holds no mkdocs.yml"):
        projects.find(tmp_path, environ={})


def test_cli_outside_a_project_exits_2_with_the_message(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "playbook", "check"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2
    assert "no mkdocs.yml in" in proc.stderr and "Traceback" not in proc.stderr


def _git(cwd: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.test", "GIT_COMMITTER_NAME": "t"}
    env |= {"GIT_COMMITTER_EMAIL": "t@example.test", "PATH": "/usr/bin:/bin", "HOME": str(cwd)}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout.strip()


def test_project_option_uses_that_copy_for_data_docs_links_and_version(tmp_path):
    """Run from this repository with --project pointing at a second copy: every input is the copy's."""
    copy = copy_project(tmp_path / "copy")
    # A page that only the copy has, and a link to it from the copy's data: resolves only against the copy.
    (copy / "docs" / "only-in-copy.md").write_text("# Only in the copy\n\n## Where to look\n\nText.\n")
    edit(
        copy / "data" / "scenarios" / "database-down.yaml", "title: Database is Down", "title: Database is Down (copy)"
    )
    edit(
        copy / "data" / "scenarios" / "database-down.yaml",
        "](../rollback.md#restore-the-database-from-backup)",
        "](../only-in-copy.md#where-to-look)",
    )
    _git(copy, "init", "-q")
    _git(copy, "add", "-A")
    _git(copy, "commit", "-qm", "copy")
    commit = _git(copy, "rev-parse", "--short", "HEAD")

    def playbook(*args: str) -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-m", "playbook", "--project", str(copy), *args]
        return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)

    check = playbook("check", "--rule", "REF006")
    assert check.returncode == 0, check.stdout + check.stderr
    here = subprocess.run(  # the same link, checked against this repository's docs/, is an error
        [sys.executable, "-m", "playbook", "--data", str(copy / "data"), "check", "--rule", "REF006"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert here.returncode == 1 and "no page only-in-copy.md" in here.stdout
    new = playbook(
        "incident", "new", "Copy test", "--sev", "2", "--started", "2026-01-16T10:30", "--dir", str(tmp_path)
    )
    assert new.returncode == 0, new.stderr
    record = Path(new.stdout.strip()).read_text()
    # read as YAML: a short hash of decimal digits only ("2696806") is written quoted, as the string it is
    assert yaml.safe_load(record.split("---")[1])["playbook_version"] == commit
    schema = playbook("schema", "--check")
    assert schema.returncode == 0, schema.stderr
