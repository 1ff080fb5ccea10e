"""TOOL034: an `exit` with success right after a failure message on stderr is an error at the exit's line; a failure
status, a message on stdout, or another statement between them passes."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from fault_tests import errors
from playbook.checks.exit_codes import success_after_error

ROLLBACK = "procedures/rollback.yaml"
STOP = 'echo "the backup failed its integrity check: STOP, do not restore it; escalate to the database team" >&2\n'
EXIT = "            exit 1\n"


@pytest.mark.parametrize("status", ["exit 0", "exit"], ids=["exit 0", "bare exit"])
def test_success_after_a_failure_message_is_an_error_at_the_exit(data_copy, status):
    """Set 25's M51: "STOP, do not restore it" then `exit 0`: the runner goes on to restore the corrupt backup."""
    edit(data_copy / ROLLBACK, STOP + EXIT, STOP + EXIT.replace("exit 1", status))
    found = errors(data_copy, ["TOOL034"])
    lines = (data_copy / ROLLBACK).read_text(encoding="utf-8").splitlines()
    at = line_of(data_copy / ROLLBACK, "STOP, do not restore it") + 1
    assert lines[at - 1].strip() == status
    assert [(p.file, p.line) for p in found] == [(f"data/{ROLLBACK}", at)], [p.format() for p in found]


@pytest.mark.parametrize(
    "code",
    [
        'echo "failed" >&2; exit 1',
        'if [[ -e x ]]; then echo "x exists" >&2; exit 2; fi',
        'echo "done"; exit 0',  # stdout: no failure said
        'echo "warning: slow" >&2\necho "carrying on"\nexit 0',  # a statement between them
    ],
)
def test_a_failure_status_or_no_failure_said_passes(code):
    assert list(success_after_error(code)) == []


def test_the_real_data_passes(data_copy):
    assert errors(data_copy, ["TOOL034"]) == []
