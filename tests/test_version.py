"""The version stamp in a throwaway git repository: each page dated by its own sources; -dirty for every input."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import copy_project, edit
from playbook import project as projects
from playbook.adapters.mkdocs.build import build_site
from playbook.version import INPUTS, playbook_version

STAMP = re.compile(r'<p class="pb-version">Playbook version <code>([^<]+)</code>, last updated ([^<]+)</p>')


def _git(cwd: Path, *args: str, day: str = "2026-01-05") -> str:
    stamp = f"{day}T12:00:00+00:00"
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.test", "GIT_COMMITTER_NAME": "t"}
    env |= {"GIT_COMMITTER_EMAIL": "t@example.test", "PATH": "/usr/bin:/bin", "HOME": str(cwd)}
    env |= {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout.strip()


def _commit(repo: Path, day: str) -> None:
    _git(repo, "add", "-A", day=day)
    _git(repo, "commit", "-qm", day, day=day)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A copy of the project with src/ and tests/ stand-ins, committed on 2026-01-05; contacts.yaml
    changed on 2026-02-10; then a commit that touches tests only, on 2026-03-15."""
    repo = copy_project(tmp_path_factory.mktemp("versioned") / "project")
    (repo / "src").mkdir()
    (repo / "src" / "module.py").write_text("X = 1\n")
    (repo / "tests").mkdir()
    (repo / "tests" / "test_x.py").write_text("def test_x():\n    pass\n")
    _git(repo, "init", "-q")
    _commit(repo, "2026-01-05")
    edit(repo / "data" / "contacts.yaml", "name: Backend Team", "name: Backend Team (API)")
    _commit(repo, "2026-02-10")
    (repo / "tests" / "test_x.py").write_text("def test_x():\n    assert True\n")
    _commit(repo, "2026-03-15")
    return repo


@pytest.fixture(scope="module")
def stamps(repo, tmp_path_factory) -> dict[str, tuple[str, str]]:
    out = tmp_path_factory.mktemp("versioned-site") / "site"
    ok, log = build_site(out, projects.at(repo))
    assert ok, log
    pages = [p for p in out.rglob("*.html") if "assets" not in p.parts and p.name != "404.html"]
    return {p.name: STAMP.search(p.read_text(encoding="utf-8")).groups() for p in pages}


def test_each_page_is_dated_by_its_own_sources(repo, stamps):
    commit = _git(repo, "rev-parse", "--short", "HEAD")
    assert {v for v, _ in stamps.values()} == {commit}  # one version for the whole site, clean
    assert "Backend Team (API)" in (repo / "data" / "contacts.yaml").read_text()
    assert stamps["contacts.html"][1] == "2026-02-10"  # data/contacts.yaml changed then
    assert stamps["matrix.html"][1] == "2026-02-10"  # the matrix names the teams of contacts.yaml
    assert stamps["rules.html"][1] == "2026-01-05"  # docs/rules.md and code only
    assert stamps["placeholders.html"][1] == "2026-01-05"  # data/meta.yaml only
    assert stamps["tags.html"][1] == "2026-01-05"
    assert "2026-03-15" not in {d for _, d in stamps.values()}  # a commit of tests alone dates no page


def test_the_project_version_ignores_commits_outside_the_inputs(repo):
    assert playbook_version(repo) == {"version": _git(repo, "rev-parse", "--short", "HEAD"), "date": "2026-02-10"}


@pytest.mark.parametrize("name", INPUTS)
def test_any_changed_input_makes_the_version_dirty(repo, name):
    path = repo / name
    target = path if path.is_file() else path / "new-file.txt"
    before = target.read_text(encoding="utf-8") if target.exists() else None
    target.write_text((before or "") + "\n# changed\n", encoding="utf-8")
    try:
        assert playbook_version(repo)["version"].endswith("-dirty"), name
    finally:
        if before is None:
            target.unlink()
        else:
            target.write_text(before, encoding="utf-8")
    assert not playbook_version(repo)["version"].endswith("-dirty")


def test_a_changed_test_is_not_dirt(repo):
    (repo / "tests" / "test_y.py").write_text("def test_y():\n    pass\n")
    try:
        assert not playbook_version(repo)["version"].endswith("-dirty")
    finally:
        (repo / "tests" / "test_y.py").unlink()
