"""`playbook generate [--check]`: every generated file written, or verified, from the data; this checkout current."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, edit
from playbook.cli.main import main

CHANGED = "the data this run uses changed since its result was recorded; run: playbook drill --all --alerts --record"
RERUN = "; run: playbook generate"
# What the README says `playbook alerts` writes.
ALERTS = {"alerts/playbook.rules.yml", "alerts/alertmanager.yml", "alerts/escalation-policy.json"}
DASHBOARD = "dashboards/clinical-os.json"
# The folders and files generated outputs live in, as the repository lays them out.
OUTPUTS = ("alerts", "dashboards", "runbooks", "data/schema")


def generated(root: Path) -> dict[str, tuple[bytes, int]]:
    """{path from the project: (content, mode)} of every file in the generated folders of `root`."""
    out = {}
    for folder in OUTPUTS:
        for p in sorted((root / folder).rglob("*")):
            if p.is_file():
                out[p.relative_to(root).as_posix()] = (p.read_bytes(), p.stat().st_mode & 0o777)
    return out


def playbook(capsys, root: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--project", str(root), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def schemas_named_by_the_data(data: Path) -> set[str]:
    """The schema files the data's YAML files name on their first line (for editors)."""
    names = set()
    for path in data.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = (path.parent / first.split("$schema=")[1]).resolve()
        names.add(target.relative_to(data.parent.resolve()).as_posix())
    return names


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "playbook")


def test_this_checkout_is_current(capsys):
    """What CI runs (pytest): every committed generated file matches the data, and so do the drill results."""
    code, out, err = playbook(capsys, ROOT, "generate", "--check")
    assert code == 0, out + err
    assert out.startswith("playbook generate --check: ") and out.count("\n") == 1, out


def test_write_then_check_is_clean(project, capsys):
    for folder in OUTPUTS:
        shutil.rmtree(project / folder)
    code, out, err = playbook(capsys, project, "generate")
    assert code == 0, err
    files = generated(project)
    wrote = [line.removeprefix("wrote ") for line in out.splitlines() if line.startswith("wrote ")]
    assert sorted(wrote) == sorted(files)
    assert ALERTS | {DASHBOARD} <= set(files)
    assert {f for f in files if f.startswith("data/schema/")} == schemas_named_by_the_data(project / "data")
    scenarios = {p.stem for p in (project / "data" / "scenarios").glob("*.yaml")}
    assert {f"runbooks/scenarios/{s}.sh" for s in scenarios} <= set(files) and "runbooks/manifest.json" in files
    for name, (_, mode) in files.items():  # scripts executable, nothing else
        assert mode == (0o755 if name.endswith(".sh") else 0o644), name
    assert (
        out.splitlines()[-1]
        == f"playbook generate: {len(files)} files generated from the data, {len(files)} written, 0 removed"
    )
    code, out, err = playbook(capsys, project, "generate", "--check")
    assert (code, err) == (0, "")
    clean = (
        f"playbook generate --check: {len(files)} generated files match the data, and so do the recorded drill results"
    )
    assert out == clean + "\n"


def test_a_changed_value_is_named_stale_and_then_written_alone(project, capsys):
    # The slow-query alert's wait (for: 10m) is in the Prometheus rules only: no page block quotes it, and the seed
    # gives none (a threshold the seed gives is DEC016's, and check would refuse it first).
    edit(project / "data" / "alerts.yaml", "    for: 10m\n", "    for: 15m\n")
    for f in (project / p for p in generated(project)):
        os.utime(f, (1, 1))
    before = generated(project)
    code, out, _ = playbook(capsys, project, "generate", "--check")
    assert code == 1
    assert out.splitlines() == [
        "alerts/playbook.rules.yml: differs from the data" + RERUN,
        # the alert drills that ran that rule: the slow-query one, and the healthy run (which runs them all)
        f"data/alert_drill_results.yaml: alert drill database-down.slow-queries: {CHANGED}",
        f"data/alert_drill_results.yaml: the healthy run: {CHANGED}",
    ]
    assert generated(project) == before
    assert all((project / f).stat().st_mtime == 1 for f in before)  # --check writes nothing
    code, out, _ = playbook(capsys, project, "generate")
    assert code == 0
    assert out.splitlines()[0] == "wrote alerts/playbook.rules.yml"
    assert out.splitlines()[-1].endswith(", 1 written, 0 removed")
    rules = (project / "alerts" / "playbook.rules.yml").read_text(encoding="utf-8")
    assert "    for: 15m\n" in rules and "for: 10m" not in rules
    untouched = {f for f in before if f != "alerts/playbook.rules.yml"}
    assert all((project / f).stat().st_mtime == 1 for f in untouched)
    assert {f: v for f, v in generated(project).items() if f in untouched} == {f: before[f] for f in untouched}
    code, out, _ = playbook(capsys, project, "generate", "--check")  # the files match; the drills wait a rerun
    assert code == 1 and all(ln.startswith("data/alert_drill_results.yaml: ") for ln in out.splitlines())


def test_stale_files_in_runbooks_are_named_then_removed_and_modes_restored(project, capsys):
    (project / "runbooks" / "old.sh").write_text("echo old\n", encoding="utf-8")
    (project / "runbooks" / "gone").mkdir()
    (project / "runbooks" / "gone" / "x.txt").write_text("x\n", encoding="utf-8")
    (project / "runbooks" / "logs.sh").chmod(0o644)
    (project / "alerts" / "alertmanager.yml").chmod(0o755)
    code, out, _ = playbook(capsys, project, "generate", "--check")
    assert code == 1
    assert out.splitlines() == [
        "alerts/alertmanager.yml: should not be executable" + RERUN,
        "runbooks/logs.sh: should be executable" + RERUN,
        "runbooks/gone/x.txt: is no longer generated from the data" + RERUN,
        "runbooks/old.sh: is no longer generated from the data" + RERUN,
    ]
    assert (project / "runbooks" / "old.sh").exists() and (project / "runbooks" / "gone" / "x.txt").exists()
    code, out, _ = playbook(capsys, project, "generate")
    assert code == 0
    assert out.splitlines()[:4] == [
        "wrote alerts/alertmanager.yml",
        "wrote runbooks/logs.sh",
        "removed runbooks/gone/x.txt",
        "removed runbooks/old.sh",
    ]
    assert not (project / "runbooks" / "old.sh").exists() and not (project / "runbooks" / "gone").exists()
    assert os.access(project / "runbooks" / "logs.sh", os.X_OK)
    assert not os.access(project / "alerts" / "alertmanager.yml", os.X_OK)
    assert playbook(capsys, project, "generate", "--check")[0] == 0


def test_unusable_data_exits_2_located_and_writes_nothing(project, capsys):
    for name in ("alerts/playbook.rules.yml", "data/schema/meta.schema.json", "runbooks/manifest.json"):
        (project / name).unlink()
    before = generated(project)
    path = project / "data" / "severities.yaml"
    text = path.read_text(encoding="utf-8")
    ack = re.search(r"^(\s+)ack: (.+)$", text, re.M)
    line = text[: ack.start()].count("\n") + 1
    edit(path, ack.group(0), f"{ack.group(1)}ack: soon")
    for argv in (["generate"], ["generate", "--check"]):
        code, out, err = playbook(capsys, project, *argv)
        assert code == 2 and out == "", err
        assert re.search(rf"^data/severities\.yaml:{line}:\d+: error: LOAD003 levels\[\d\]\.ack", err, re.M), err
        assert "Traceback" not in err
        assert generated(project) == before


def test_an_error_finding_refuses_every_output(project, capsys):
    """A check's error stops runbooks/ (as it stops the build), and so the alerts and schemas are not written either."""
    (project / "alerts" / "playbook.rules.yml").unlink()
    (project / "data" / "schema" / "meta.schema.json").unlink()
    before = generated(project)
    edit(
        project / "data" / "severities.yaml",
        'op: ">", value: 5, upto: 20, wording: Elevated',
        'op: ">", value: 50, wording: Elevated',
    )
    code, out, err = playbook(capsys, project, "generate")
    assert code == 1 and out == ""
    assert re.search(r"^data/severities\.yaml:\d+:\d+: error: SEV001 ", err, re.M), err
    assert err.splitlines()[-1].startswith("playbook generate: ") and err.endswith("; nothing written\n")
    assert generated(project) == before


def test_an_alert_on_an_unknown_metric_is_located_not_an_exit_from_inside_the_macros(project, capsys):
    """Found by the fuzz test: runbooks/ alone (`extract`) rendered the Alerting page, whose macro failed inside
    mkdocs-macros, which ended the process with exit 100 and no word; the data is checked first, as the build
    does, and the finding is located."""
    before = generated(project)
    edit(project / "data" / "alerts.yaml", "per: [{metric: http.requests}]", "per: [{metric: no-such-metric}]")
    code, out, err = playbook(capsys, project, "extract")
    assert code == 1, err
    assert re.search(r"^data/alerts\.yaml:\d+:\d+: error: ALR004 .*'no-such-metric' is no catalog metric", err, re.M), (
        err
    )
    assert err.endswith("; nothing written\n") and generated(project) == before


def test_a_drill_whose_data_changed_is_reported_never_rerun(project, capsys):
    results = project / "data" / "drill_results.yaml"
    recorded = results.read_bytes()
    # The fault of a drill is not on any page with code blocks: only the drill's result goes stale.
    edit(project / "data" / "scenarios" / "auth-failure-spike.yaml", "attempts: 12", "attempts: 13")
    stale = (
        "data/drill_results.yaml: drill auth-failure-spike: the data this drill runs changed since its result "
        "was recorded; run: playbook drill --all --record"
    )
    alert = f"data/alert_drill_results.yaml: alert drill auth-failure-spike: {CHANGED}"  # it runs that drill
    code, out, _ = playbook(capsys, project, "generate", "--check")
    assert (code, out) == (1, stale + "\n" + alert + "\n")
    code, out, _ = playbook(capsys, project, "generate")
    assert code == 0 and out.splitlines()[0] == stale
    assert results.read_bytes() == recorded


def test_a_comment_line_in_severities_changes_no_generated_file(project, capsys):
    """Generated files quote no YAML line: a line added at the top of the data moves nothing in them."""
    path = project / "data" / "severities.yaml"
    schema_line, rest = path.read_text(encoding="utf-8").split("\n", 1)  # the schema line stays line 1 (FILE001)
    path.write_text(f"{schema_line}\n# A comment an editor added.\n{rest}", encoding="utf-8")
    code, out, err = playbook(capsys, project, "generate", "--check")
    assert code == 0, out + err
    for name, (content, _) in generated(ROOT).items():
        assert not re.search(rb"\.yaml:\d+", content), name


def test_the_old_commands_are_parts_of_generate(project, capsys, tmp_path):
    edit(project / "data" / "alerts.yaml", "    for: 10m\n", "    for: 15m\n")
    (project / "data" / "schema" / "meta.schema.json").write_text("{}\n", encoding="utf-8")
    code, out, _ = playbook(capsys, project, "generate", "--check")
    assert code == 1
    code, alerts, _ = playbook(capsys, project, "alerts", "--check")
    assert code == 1 and alerts == "alerts/playbook.rules.yml: differs from the data" + RERUN + "\n"
    code, schema, _ = playbook(capsys, project, "schema", "--check")
    assert code == 1 and schema == "data/schema/meta.schema.json: differs from the data" + RERUN + "\n"
    drills = [ln for ln in out.splitlines() if ln.startswith("data/alert_drill_results.yaml: ")]
    assert sorted(set(out.splitlines()) - set(drills)) == sorted([*alerts.splitlines(), *schema.splitlines()])
    code, out, _ = playbook(capsys, project, "extract", "--out", str(tmp_path / "preview"))
    assert code == 0
    preview = (tmp_path / "preview").resolve()
    made = {p.relative_to(preview): p.read_bytes() for p in preview.rglob("*") if p.is_file()}
    committed = project / "runbooks"
    assert made == {p.relative_to(committed): p.read_bytes() for p in committed.rglob("*") if p.is_file()}
    assert f"wrote {preview / 'manifest.json'}" in out.splitlines()


def test_changes_and_apply_leave_a_folder_with_exactly_its_files(tmp_path):
    from playbook.cli.generate import apply, changes

    dest = tmp_path / "runbooks"
    files = {dest / "a.sh": "echo a\n", dest / "sub" / "b.txt": "b\n", dest / "manifest.json": "{}\n"}
    found = changes(files, dest)
    assert [(c.path, c.why) for c in found] == [(p, "is missing") for p in files]
    apply(found, {dest: files})
    assert os.access(dest / "a.sh", os.X_OK) and not os.access(dest / "sub" / "b.txt", os.X_OK)
    (dest / "stale.sh").write_text("old\n")
    (dest / "gone").mkdir()
    (dest / "gone" / "x.txt").write_text("x\n")
    (dest / "empty").mkdir()
    os.utime(dest / "a.sh", (1, 1))
    files[dest / "sub" / "b.txt"] = "b2\n"
    found = changes(files, dest)
    assert sorted((c.path.relative_to(dest).as_posix(), c.text) for c in found) == [
        ("gone/x.txt", None),
        ("stale.sh", None),
        ("sub/b.txt", "b2\n"),
    ]
    apply(found, {dest: files})
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*")) == [
        "a.sh",
        "manifest.json",
        "sub",
        "sub/b.txt",
    ]
    assert (dest / "sub" / "b.txt").read_text() == "b2\n" and (dest / "a.sh").stat().st_mtime == 1
    assert changes(files, dest) == []


def test_a_failed_write_leaves_every_file_as_it_was(tmp_path, monkeypatch):
    from playbook.cli import generate as g

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("old a\n")
    b.write_text("old b\n")
    files = {a: "new a\n", b: "new b\n"}
    real = os.fdopen
    calls = []

    def failing(fd, *args, **kwargs):  # the second file cannot be written (a full disk)
        calls.append(fd)
        if len(calls) == 2:
            os.close(fd)
            raise OSError(28, "No space left on device")
        return real(fd, *args, **kwargs)

    monkeypatch.setattr(g.os, "fdopen", failing)
    with pytest.raises(OSError):
        g.apply(g.changes(files), {})
    assert (a.read_text(), b.read_text()) == ("old a\n", "old b\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]  # no temporary file left behind
