"""TOOL012: every jq call that reads the log file (as its operand, or piped from grep/cat/tail of it) runs, as typed,
on the log format's example record without a runtime error. Each fault at its line; near misses and the real data
pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.runbooks.jqrun import jq_log_calls
from playbook.site.checking import check

AUTH, LOGS = "scenarios/auth-failure-spike.yaml", "procedures/log-access.yaml"
USER_GREP = 'grep "userId\\":\\"$USER_ID\\"" "$LOG_FILE"'

# (file, old, new, marker: the finding's line holds it)
FAULTS = [
    (AUTH, "jq -r 'select(.message", "jq -R 'select(.message", "jq -R 'select"),  # set 13 M61: raw input
    (LOGS, "code: jq -c 'select(.message", "code: jq -sc 'select(.message", "jq -sc"),  # slurped: an array
    (LOGS, "'select(.context.userId == $user)'", "'select(.context.duration | startswith(\"1\"))'", "startswith"),
    (LOGS, USER_GREP, USER_GREP + " | jq -R -r '.context.userId'", "| jq -R -r"),  # piped from grep of the log
    (LOGS, "'select(.context.userId == $user)'", "'select(.context.userId == $user) | .error[0]'", ".error[0]"),
]

NEAR_MISSES = [
    (AUTH, "jq -r 'select(.message", "jq -R -r 'fromjson | select(.message"),
    (LOGS, "code: jq -c 'select(.message", "code: jq -sc '.[] | select(.message"),
    (LOGS, USER_GREP, USER_GREP + " | jq -r '.context.userId'"),
    (LOGS, "'select(.context.userId == $user)'", "'select(.context.method | ascii_downcase == \"post\")'"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_fault_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = [p for p in check(load_catalog(data_copy), ["TOOL012"]) if p.line == line_of(data_copy / file, marker)]
    assert [(p.file, p.rule) for p in found] == [(f"data/{file}", "TOOL012")], [p.format() for p in found]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["TOOL012"])] == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TOOL012"]) == []


def test_which_calls_read_the_log():
    logs = {"LOG_FILE", "logs.json"}
    code = (
        "curl -s \"$BASE_URL/api/metrics\" | jq '.metrics'\n"
        "jq -c '.a' \"$LOG_FILE\"\n"
        "grep x \"${LOG_FILE}\" | jq -r '.b'\n"
        "jq '.c' other.json\n"
        "tail -n 5 logs.json | jq '.d'\n"
    )
    assert [(o, f) for o, f, _, _ in jq_log_calls(code, logs)] == [(["-c"], ".a"), (["-r"], ".b"), ([], ".d")]
