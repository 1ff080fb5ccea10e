"""A data folder of another name (`--data mydata`): every finding names the file really there, at its line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA_DIR, edit
from playbook.cli.main import main

FINDING = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?:error|warning): (?P<rule>[A-Z]+\d+) ", re.M)


@pytest.fixture
def mydata(tmp_path: Path) -> Path:
    dest = tmp_path / "mydata"
    shutil.copytree(DATA_DIR, dest)
    return dest


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    (n,) = [i for i, line in enumerate(lines, 1) if text in line]
    return n


def _findings(out: str, rule: str) -> set[tuple[str, int]]:
    return {(m["file"], int(m["line"])) for m in FINDING.finditer(out) if m["rule"] == rule}


# (rule, file in the data folder, text replaced, replacement): each fault sits on the replacement's line.
FAULTS = [
    ("SLA001", "severities.yaml", "    ack: 5m\n", "    ack: 5h\n"),
    ("DEC001", "decisions.yaml", "    rule: SLA003\n", "    rule: SLA999\n"),
    ("ALR006", "oncall.yaml", "timezone: UTC", "timezone: Mars/Olympus"),
    (
        "RATE001",
        "scenarios/auth-failure-spike.yaml",
        "429 after {{ limits.AUTH.requests }} attempts",
        "429 after 3 attempts",
    ),
]


@pytest.mark.parametrize(("rule", "file", "old", "new"), FAULTS, ids=[f[0] for f in FAULTS])
def test_check_locates_faults_in_a_folder_not_named_data(mydata, capsys, rule, file, old, new):
    path = mydata / file
    if old not in path.read_text(encoding="utf-8"):
        pytest.fail(f"{old!r} is no longer in {file}: pick another fault")
    edit(path, old, new)
    main(["--data", str(mydata), "check", "--fast", "--rule", rule])
    out = capsys.readouterr().out
    assert (f"mydata/{file}", _line_of(path, new.strip())) in _findings(out, rule), out
    assert "data/" + file not in out.replace("mydata/", "")


def test_load_errors_name_the_folder_given(mydata, capsys):
    path = mydata / "matrix.yaml"
    text = path.read_text(encoding="utf-8")
    (primary,) = re.findall(r"primary: ([\w-]+)", text)[:1]
    edit(path, f"primary: {primary}", "primary: nobody-at-all")
    assert main(["--data", str(mydata), "validate"]) == 2
    err = capsys.readouterr().err
    assert f"mydata/matrix.yaml:{_line_of(path, 'primary: nobody-at-all')}:" in err, err
    assert "LOAD005" in err
