"""The README's first screen is for the on-call engineer: the two commands, then `who`, `classify` and `run`, each
of which runs as written."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
FIRST_SCREEN = 40  # lines: what a terminal or the repository page shows before scrolling


def _incident_commands() -> list[str]:
    section = README.split("## During an incident", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.startswith("playbook ")]


def test_the_first_screen_holds_the_two_commands_and_the_incident_commands():
    head = "\n".join(README.splitlines()[:FIRST_SCREEN])
    assert "bash scripts/serve" in head and "bash scripts/test" in head
    assert "## During an incident" in head
    assert [c.split()[1] for c in _incident_commands()] == ["who", "classify", "run"]
    for internal in ("xdist", "held-out", "lunr", "hit@1"):  # the internals live in CONTRIBUTING.md
        assert internal not in head, internal


@pytest.mark.parametrize("line", _incident_commands())
def test_each_incident_command_runs_as_written(line):
    argv = shlex.split(line)[1:]
    proc = subprocess.run(
        [sys.executable, "-m", "playbook.cli.main", *argv],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,  # `run` asks before each step: with no answer it stops, having run nothing
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() and "Traceback" not in proc.stderr
