"""The findings cache: a warm run reports what --no-cache reports, and any input it names changes its key."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

import playbook
from conftest import ROOT, copy_project, edit
from playbook.checks import cache as pc
from playbook.checks import findings_cache as fc
from playbook.checks.engine import CRASHED, load_rules
from playbook.cli.main import main
from playbook.data.load import load_catalog
from playbook.site.checking import check as site_check

SCENARIO = "data/scenarios/database-down.yaml"
RULES = ["REF005", "FRESH002", "SEV002", "DEC002", "TXT009"]  # TBD values, TODO in the pages, the ladder, decisions


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A copy of the playbook with its cache in a folder of its own."""
    monkeypatch.setenv(pc.CACHE_ENV, str(tmp_path / "cache"))
    return copy_project(tmp_path / "project")


def check(capsys, project: Path, *args: str) -> tuple[int, dict]:
    """`playbook check --format json` on `project`, in this process: (exit code, its JSON, every field of each)."""
    capsys.readouterr()
    rc = main(["--project", str(project), "check", "--format", "json", *args])
    return rc, json.loads(capsys.readouterr().out)


def entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / pc.FORMAT / fc.KIND).glob("*.json"))


def rules(*ids: str) -> list[str]:
    return [x for r in ids for x in ("--rule", r)]


def inject_faults(project: Path) -> None:
    """A secret and a shell error in a step, an overlap on the severity ladder, a TODO in a page, a TBD."""
    edit(project / SCENARIO, "        code: df -h", "        code: |-\n          aws configure set aws_access_key_id "
         "AKIAIOSFODNN7EXAMPLE\n          done")  # fmt: skip
    edit(project / "data/severities.yaml", "value: 50, wording: System is down", "value: 45, wording: System is down")
    edit(project / "docs/index.md", "Signals match several levels?", "TODO: reword. Signals match several levels?")
    edit(project / "data/catalog.yaml", "{id: READ, requests: 100,", "{id: READ, requests: TBD,")


@pytest.mark.parametrize("faults", [False, True], ids=["real data", "injected faults"])
def test_cached_runs_find_exactly_what_an_uncached_run_finds(project, tmp_path, capsys, faults):
    if faults:
        inject_faults(project)
    uncached = check(capsys, project, "--no-cache")
    assert entries(tmp_path) == []
    cold = check(capsys, project)
    kept = entries(tmp_path)
    assert len(kept) == 1
    warm = check(capsys, project)
    assert entries(tmp_path) == kept and kept[0].stat().st_mtime_ns == entries(tmp_path)[0].stat().st_mtime_ns
    assert cold == uncached and warm == uncached
    assert (uncached[0] == 1) is faults and uncached[1]["summary"]["warnings"] > 0


def test_a_warm_run_rebuilds_each_finding_from_the_entry_and_a_bad_entry_is_a_miss(project, tmp_path, capsys):
    at = rules(*RULES)
    cold = check(capsys, project, *at)
    (path,) = entries(tmp_path)
    kept = json.loads(path.read_bytes())
    assert set(kept) == set(RULES) and kept["REF005"]
    planted = ["data/x.yaml", 7, 3, "REF005", "planted", "a hint", "a.b", "error"]
    path.write_text(json.dumps({**kept, "REF005": [planted]}))
    rc, out = check(capsys, project, *at)
    assert rc == 1 and [f for f in out["findings"] if f["rule"] == "REF005"] == [
        dict(zip(("file", "line", "col", "rule", "message", "hint", "field", "level"), planted, strict=True))
    ]
    torn = path.read_bytes()[:-9]
    bad = [b"", b"{not json", b"\xff\xfe\x00", b"[]", b'{"REF005": [[1, 2]]}', torn, b'{"REF005": [["a", true, 1, '
           b'"b", "c", "d", "e", "f"]]}', json.dumps({**kept, "REF005": [[*planted[:7], 1]]}).encode()]  # fmt: skip
    for garbage in bad:
        path.write_bytes(garbage)
        assert check(capsys, project, *at) == cold, garbage
        assert json.loads(path.read_bytes()) == kept  # written again, whole
    path.unlink()
    path.mkdir()  # neither read nor replaced: still no traceback
    assert check(capsys, project, *at) == cold


def _source_copy(tmp_path: Path, monkeypatch) -> Path:
    package = tmp_path / "package"
    shutil.copytree(fc.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fc, "PACKAGE", package)
    return package


def test_the_package_is_hashed_where_it_is_installed():
    assert Path(playbook.__file__).resolve().parent == fc.PACKAGE


@pytest.mark.parametrize("change", ["data file", "docs page", "package source", "date"])
def test_a_change_to_an_input_is_a_new_entry_and_is_seen(project, tmp_path, capsys, monkeypatch, change):
    at = rules(*RULES)
    package = _source_copy(tmp_path, monkeypatch)
    first = check(capsys, project, *at)
    before = entries(tmp_path)
    if change == "data file":  # a value no longer TBD: REF005 finds one fewer
        edit(project / "data/contacts.yaml", "person: TBD", "person: Dr Ada Lovelace")
    elif change == "docs page":  # a TODO left in a page: FRESH002
        edit(project / "docs/index.md", "Signals match several levels?", "TODO: reword. Signals match several levels?")
    elif change == "package source":
        edit(package / "checks" / "refs.py", '"""', '"""Edited. ')
    else:

        class Tomorrow(date):
            @classmethod
            def today(cls):
                return date.fromordinal(date.today().toordinal() + 1)

        monkeypatch.setattr(fc, "date", Tomorrow)
    warm = check(capsys, project, *at)
    assert len(entries(tmp_path)) == len(before) + 1  # another key: the rules ran again, and were kept under it
    assert warm == check(capsys, project, *at, "--no-cache")
    assert (warm != first) is (change in ("data file", "docs page"))


def test_the_digest_names_every_file_but_the_built_site_the_tools_caches_and_the_cache(tmp_path):
    tree = tmp_path / "tree"
    for name in ["mkdocs.yml", "tests/fixtures/q.yaml", "site/index.html", ".git/HEAD", "cache/v1/x.json",
                 "src/__pycache__/m.pyc", ".site-1/x", "docs/site/x.md"]:  # fmt: skip
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text("a")
    digest = fc.files_digest([tree], {tree / "cache"})
    for name, seen in [("mkdocs.yml", True), ("tests/fixtures/q.yaml", True), ("docs/site/x.md", True),
                       ("site/index.html", False), (".git/HEAD", False), ("cache/v1/x.json", False),
                       ("src/__pycache__/m.pyc", False), (".site-1/x", False)]:  # fmt: skip
        (tree / name).write_text("b")
        assert (fc.files_digest([tree], {tree / "cache"}) != digest) is seen, name
        (tree / name).write_text("a")
    (tree / "tests" / "new.txt").write_text("")
    assert fc.files_digest([tree], {tree / "cache"}) != digest


def test_the_rules_it_keeps_run_no_program_and_look_up_none(monkeypatch):
    """A kept rule's findings may not depend on the machine: run on the real data with no program to run or find,
    none of them stops (the tools rules, which keep their own entries, and MACHINE are not kept)."""

    def refused(*args, **kwargs):
        raise AssertionError(f"a kept rule ran or looked up a program: {args[:1]}")

    kept = [r.id for r in load_rules().values() if fc.keeps(r)]
    cat = load_catalog(ROOT / "data")
    for name in ("run", "Popen", "check_output"):
        monkeypatch.setattr(subprocess, name, refused)
    monkeypatch.setattr(shutil, "which", refused)
    found = site_check(cat, kept)
    assert [p for p in found if p.message.startswith(CRASHED)] == []
    assert {"DEST034", "FRESH001", "TOOL001", "TOOL016"}.isdisjoint(kept) and len(kept) > 200
