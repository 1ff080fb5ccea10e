"""`playbook check`'s cache: a warm run reports what a cold run and --no-cache report, and a change is seen."""

from __future__ import annotations

import functools
import json
import shutil

import pytest

from conftest import copy_project, edit
from playbook import project as projects
from playbook.checks import cache as pc
from playbook.checks import secrets
from playbook.cli.main import main
from playbook.runbooks import blockcheck

TOOLS = ["bash_syntax", "shellcheck_blocks", "jq_compile", "sql_compile", "tsc_check"]
CACHED = ["SEC001", "TOOL001", "TOOL002", "TOOL003", "TOOL004", "TOOL005", "REF009"]  # the rules it serves
STEP = "        code: df -h"


def check(capsys, *args: str) -> tuple[int, dict]:
    """`playbook check --format json` in this process: (exit code, its JSON)."""
    capsys.readouterr()
    rc = main([*args[:2], "check", "--format", "json", *args[2:]])
    return rc, json.loads(capsys.readouterr().out)


def rules(*ids: str) -> list[str]:
    return [x for r in ids for x in ("--rule", r)]


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the playbook whose cache is in its own folder, as outside the tests."""
    monkeypatch.delenv(pc.CACHE_ENV, raising=False)
    return copy_project(tmp_path / "project")


@pytest.fixture
def ran(monkeypatch) -> dict[str, list]:
    """What the secrets scan and each block tool were given, call by call (the cache's misses)."""
    calls: dict[str, list] = {"scan": []}
    scan_all = secrets._scan_all
    monkeypatch.setattr(secrets, "_scan_all", lambda files: calls["scan"].append(files) or scan_all(files))
    for name in TOOLS:
        real = getattr(blockcheck, name)

        @functools.wraps(real)
        def spy(*args, _real=real, _name=name):
            calls.setdefault(_name, []).append(args)
            return _real(*args)

        monkeypatch.setattr(blockcheck, name, spy)
    return calls


def entries(folder) -> list:
    return sorted(p for p in folder.rglob("*.json") if p.parent.name in ("secrets", "tools"))


def test_a_warm_run_reports_what_a_cold_run_and_no_cache_report_on_the_real_data(project, capsys, ran):
    at = ["--project", str(project)]
    uncached = check(capsys, *at, "--no-cache")
    assert not (projects.at(project).cache).exists()  # --no-cache writes nothing
    assert len(ran["scan"][0]) > 30 and set(TOOLS) <= set(ran)
    ran.clear()
    ran["scan"] = []
    cold = check(capsys, *at)  # an empty cache: everything is scanned and run, and kept
    assert len(ran["scan"][0]) > 30 and set(TOOLS) <= set(ran)
    folder = projects.at(project).cache
    assert (folder / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (folder / ".gitignore").read_text() == "*\n"
    assert {p.parent.name for p in entries(folder)} == {"secrets", "tools"}
    ran.clear()
    ran["scan"] = []
    warm = check(capsys, *at)
    assert ran == {"scan": [[]]}  # nothing scanned again, no tool run again
    assert cold == uncached and warm == cold
    assert cold[0] == 0 and cold[1]["summary"]["warnings"] > 0


def test_a_secret_or_a_fault_written_after_a_warm_run_is_found_at_its_line(
    data_copy, tmp_path, monkeypatch, capsys, ran
):
    monkeypatch.setenv(pc.CACHE_ENV, str(tmp_path / "elsewhere"))  # the data copy's project is this checkout
    at = ["--data", str(data_copy), *rules(*CACHED)]
    assert check(capsys, *at) == (0, {"findings": [], "summary": {"errors": 0, "warnings": 0}})
    assert entries(tmp_path / "elsewhere")
    sc = data_copy / "scenarios" / "database-down.yaml"
    code = "aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE"
    edit(sc, STEP, f"        code: |-\n          {code}")
    sql = '          sqlite3 -readonly "$DB_PATH" "SELECT 1;"\n'
    edit(sc, sql, sql + "          done\n")  # bash -n: unexpected `done`
    lines = sc.read_text().splitlines()
    secret = next(n for n, text in enumerate(lines, 1) if code in text)
    done = lines.index("          done") + 1
    want = sorted(
        [
            ("data/scenarios/database-down.yaml", secret, "SEC001"),
            ("data/scenarios/database-down.yaml", done, "TOOL001"),
        ]
    )
    ran.clear()
    ran["scan"] = []
    for scanned in ([sc], []):  # the edited file alone is scanned again; then its findings are read back
        rc, out = check(capsys, *at)
        assert rc == 1 and sorted((f["file"], f["line"], f["rule"]) for f in out["findings"]) == want
        assert ran["scan"][-1] == scanned
    runs = {t: len(ran.get(t, [])) for t in TOOLS}  # once for the changed shell blocks; tsc's are as they were
    assert runs == {"bash_syntax": 1, "shellcheck_blocks": 1, "jq_compile": 1, "sql_compile": 1, "tsc_check": 0}


def test_a_corrupt_or_unreadable_entry_is_a_miss(project, capsys):
    at = ["--project", str(project), *rules(*CACHED)]
    cold = check(capsys, *at)
    bad = [b"", b"{not json", b"\xff\xfe\x00", b'{"a": 1}', b'[["x", 1]]', b"[[1, true, 3]]", b"[1, 2]", b"null"]
    found = entries(projects.at(project).cache)
    for n, path in enumerate(found):
        path.write_bytes(bad[n % len(bad)])
    found[0].unlink()
    found[0].mkdir()  # neither read nor replaced: still no traceback
    assert check(capsys, *at) == cold
    for path in found[1:]:  # written again, whole
        kept = json.loads(path.read_bytes())
        assert pc.rows(kept, int, str) is not None or pc.rows(kept, int, int, int, str, str) is not None


def test_the_entries_are_read_and_no_cache_reads_none(project, capsys):
    """An entry planted under a file's key is what a cached run reports for it; --no-cache scans the file."""
    at = ["--project", str(project), *rules("SEC001")]
    assert check(capsys, *at)[1]["findings"] == []
    for path in entries(projects.at(project).cache):
        path.write_text('[[2, "Planted"]]')
    rc, out = check(capsys, *at)
    assert rc == 1 and len(out["findings"]) > 30
    assert {(f["line"], f["message"]) for f in out["findings"]} == {(2, "possible secret on this line (Planted)")}
    assert check(capsys, *at, "--no-cache") == (0, {"findings": [], "summary": {"errors": 0, "warnings": 0}})


def test_a_project_where_the_cache_cannot_be_made_is_checked_without_it(project, capsys):
    (projects.at(project).cache).write_text("a file where the folder would go\n")  # a read-only checkout, even for root
    assert pc.Cache.open(projects.at(project).cache) is None
    at = ["--project", str(project), *rules(*CACHED)]
    assert check(capsys, *at) == check(capsys, *at, "--no-cache")
    assert (projects.at(project).cache).read_text() == "a file where the folder would go\n"


def test_a_missing_tool_is_never_kept(data_copy, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(pc.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setenv("CI", "true")  # where a missing tool is an error
    at = ["--data", str(data_copy), *rules("TOOL003")]
    which = shutil.which
    monkeypatch.setattr(blockcheck.shutil, "which", lambda name: None if name == "jq" else which(name))
    rc, out = check(capsys, *at)
    assert rc == 1 and [f["message"] for f in out["findings"]] == ["jq is not installed"]
    monkeypatch.setattr(blockcheck.shutil, "which", which)
    assert check(capsys, *at) == (0, {"findings": [], "summary": {"errors": 0, "warnings": 0}})
    assert not any("not installed" in p.read_text() for p in entries(tmp_path / "cache"))


def test_only_the_files_missing_from_the_cache_are_scanned_and_split_over_processes(tmp_path, monkeypatch):
    from playbook.checks.secrets import PARALLEL_FROM, _scan, scan

    files = []
    for n in range(PARALLEL_FROM + 10):
        f = tmp_path / f"s{n:03}.yaml"
        secret = "  code: aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE\n" if n % 9 == 4 else ""
        f.write_text(f"id: s{n}\nsteps:\n  - title: Step {n}\n{secret}    text: df -h\n", encoding="utf-8")
        files.append(f)
    cache = pc.Cache.open(tmp_path / "cache", environ={})
    first = scan(files[:10], cache)
    assert first == _scan(files[:10]) and {f for f, _, _ in first} == {files[4]}
    given = []
    scan_all = secrets._scan_all
    monkeypatch.setattr(secrets, "_scan_all", lambda fs: given.append(fs) or scan_all(fs))
    assert scan(files, cache) == _scan(files)  # the kept ten and the others, scanned in PARALLEL_FROM's processes
    assert given == [files[10:]] and len(given[0]) >= PARALLEL_FROM
    assert scan(files, cache) == _scan(files) and given[1:] == [[]]
