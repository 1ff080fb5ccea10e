"""`playbook --help` and every command's help: a description, examples that run, choices from the data."""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT, copy_project
from playbook.checks.engine import load_rules
from playbook.cli.arguments import EXAMPLES
from playbook.cli.main import main, parser


def parsers() -> dict[str, object]:
    """{prog: parser} of `playbook` and every command and subcommand, top first, in the order of the help."""
    out = {}

    def walk(p) -> None:
        out[p.prog] = p
        for action in p._actions:
            if action.__class__.__name__ == "_SubParsersAction":
                for child in action.choices.values():
                    walk(child)

    walk(parser())
    return out


def examples(p) -> list[str]:
    lines = (p.epilog or "").split("\n")
    assert EXAMPLES in lines, f"{p.prog}: no examples"
    return [ln.strip() for ln in lines[lines.index(EXAMPLES) + 1 :] if ln.startswith("  playbook ")]


def test_every_command_has_a_one_line_description_and_an_example():
    all_parsers = parsers()
    assert len(all_parsers) >= 17
    for prog, p in all_parsers.items():
        assert p.description and "\n" not in p.description, prog
        assert examples(p), prog
        assert all(e.startswith(prog.split(" ")[0] + " ") for e in examples(p))
    top = parser().format_help()
    for name, sub in next(a for a in parser()._actions if a.__class__.__name__ == "_SubParsersAction").choices.items():
        assert f"    {name} " in top  # listed with its summary
        assert examples(sub)[0] in top  # and its first example


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(argv: list[str], cwd) -> None:
    """`playbook serve` runs until stopped: it must answer on its address, then it is stopped."""
    addr = f"127.0.0.1:{_free_port()}"
    argv = [a if not a.startswith("127.0.0.1:") else addr for a in argv]
    with subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) as proc:
        _answers(proc, argv, addr)


def _answers(proc, argv, addr) -> None:
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read()
            try:
                with urllib.request.urlopen(f"http://{addr}/", timeout=2) as r:
                    assert r.status == 200
                    return
            except OSError:
                time.sleep(0.5)
        pytest.fail(f"{' '.join(argv)} did not answer on {addr}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def example_groups() -> dict[str, list[str]]:
    """Each distinct help example, in help order, grouped by its command (the lifecycle commands together,
    since `postmortem check` and `incident log` read the record `incident new` writes)."""
    groups: dict[str, list[str]] = {}
    seen: set[str] = set()
    for p in parsers().values():
        for example in examples(p):
            if example in seen:
                continue
            seen.add(example)
            command = shlex.split(example.partition("  # ")[0])[1]
            groups.setdefault("incident" if command == "postmortem" else command, []).append(example)
    return groups


def test_the_examples_are_many_and_each_runs_in_its_group():
    groups = example_groups()
    assert sum(map(len, groups.values())) >= 20
    assert {"build", "check", "incident", "serve", "exporter"} <= set(groups)


@pytest.mark.parametrize("group", list(example_groups()))
def test_every_help_example_runs(group, tmp_path):
    """Each distinct example of one command, in help order, in its own copy of the project (so those that
    write, write there).

    An example whose comment starts with "exits 1" must exit 1 (e.g. a check that finds placeholders); every
    other one must exit 0.
    """
    project = copy_project(tmp_path / "project")
    for example in example_groups()[group]:
        command, _, comment = example.partition("  # ")
        argv = [sys.executable, "-m", "playbook.cli.main", *shlex.split(command)[1:]]
        if argv[3] in ("serve", "exporter"):  # both serve until stopped
            _serve(argv, project)
            continue
        proc = subprocess.run(argv, cwd=project, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        want = 1 if comment.strip().startswith("exits 1") else 0
        assert proc.returncode == want, f"{example}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
        assert "Traceback" not in proc.stderr


def _data_ids(catalog):
    return {
        "severities": [lv.id for lv in catalog.severities.levels],
        "types": [t.id for t in catalog.matrix.incident_types],
        "scenarios": list(catalog.scenarios),
    }


@pytest.mark.parametrize(
    ("argv", "choices"),
    [
        (["who", "--sev", "7"], "severities"),
        (["who", "--sev", "1", "--type", "nope"], "types"),
        (["incident", "new", "x", "--sev", "SEV-9"], "severities"),
        (["postmortem", "new", "x", "--sev", "high", "--started", "2026-01-15T10:30"], "severities"),
        (["drill", "nope"], "scenarios"),
    ],
)
def test_a_wrong_id_is_one_line_naming_the_choices_from_the_data(argv, choices, catalog, capsys):
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    ids = _data_ids(catalog)[choices]
    assert ids and f"choose from {', '.join(ids)}" in err, err


@pytest.mark.parametrize(
    ("argv", "valid"),
    [
        (["who", "--sev", "1", "--format", "xml"], "'text', 'json'"),
        (["check", "--format", "xml"], "'text', 'json', 'github'"),
        (["drill", "database-down", "--format", "xml"], "'text', 'json'"),
        (["classify", "--error-rate", "35%", "--format", "xml"], "'text', 'json'"),
        (["nope"], "'build', 'serve'"),
    ],
)
def test_a_wrong_fixed_choice_is_one_line_too(argv, valid, capsys):
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and valid in err, err


def test_wrong_rule_and_runbook_name_the_choices(capsys):
    assert main(["check", "--rule", "NOPE1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ", ".join(sorted(load_rules())) in err
    assert main(["run", "nope", "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "scenarios/database-down" in err and "logs" in err


def _help(*argv: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "playbook.cli.main", *argv, "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "1000"},
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_the_help_lists_the_choices_from_the_data(catalog):
    ids = _data_ids(catalog)
    assert ", ".join(ids["severities"]) in _help("who") and ", ".join(ids["types"]) in _help("who")
    assert ", ".join(ids["severities"]) in _help("incident", "new")
    assert ", ".join(ids["severities"]) in _help("postmortem", "new")
    assert ", ".join(ids["scenarios"]) in _help("drill")
    assert ", ".join(sorted(load_rules())) in " ".join(_help("check").split())  # a list longer than COLUMNS wraps
    assert "scenarios/database-down" in _help("run")
    assert "{text,json}" in _help("classify") and "--error-rate" in _help("classify")


def test_the_data_is_loaded_only_for_the_command_that_uses_it(monkeypatch, capsys):
    import playbook.data.load as load

    calls = []
    real = load.load_catalog
    monkeypatch.setattr(load, "load_catalog", lambda *a, **k: calls.append(1) or real(*a, **k))
    for argv in (["--help"], ["build", "--help"], ["schema", "--help"], ["extract", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
    assert calls == []  # building every command's parser, and an unrelated help, read no data
    with pytest.raises(SystemExit):
        main(["who", "--help"])
    assert calls == [1]  # who's help lists the levels and types: the data is read once
    capsys.readouterr()


def test_every_help_at_once_reads_the_data_once(monkeypatch):
    """A tool that formats every command's help (the bench does) loads the data once, not once per list."""
    import playbook.data.load as load
    from playbook_dev.bench import subcommands

    calls = []
    real = load.load_catalog
    monkeypatch.setattr(load, "load_catalog", lambda *a, **k: calls.append(1) or real(*a, **k))
    helps = subcommands()
    assert "auth-failures" in helps["who"] and "database-down" in helps["drill"]
    assert calls == [1]
