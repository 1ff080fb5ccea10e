"""TOOL019 (uniq on lines no sort ordered), TOOL020 (a command substitution whose output goes elsewhere), TOOL024
(colour forced into captured output): each fault is found at its line; the near misses and the real data pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.pipe_outputs import forced_colour, lost_substitutions, unsorted_uniqs
from playbook.data.load import load_catalog
from playbook.runbooks.shellparse import _text
from playbook.site.checking import check

AUTH = "scenarios/auth-failure-spike.yaml"
BY_IP = """.context.ip' "$LOG_FILE" | sort | uniq -c | sort -rn"""
ROLLBACK = "procedures/rollback.yaml"
RESTORED = 'check=$(sqlite3 -readonly "$restoring" "PRAGMA integrity_check;" 2>&1) || true'
LOGS = "procedures/log-access.yaml"
AUTH_QUERY = 'code: jq -c \'select(.message | contains("Auth failed"))\' "$LOG_FILE"'
BY_USER = 'grep "userId\\":\\"$USER_ID\\"" "$LOG_FILE"'

FAULTS = [
    # set 18 M62's kind: the sort before uniq dropped, or replaced by a command that does not order the lines
    ("TOOL019", AUTH, BY_IP, """.context.ip' "$LOG_FILE" | uniq -c | sort -n""", "uniq -c | sort -n"),
    ("TOOL019", AUTH, BY_IP, """.context.ip' "$LOG_FILE" | head -1000 | uniq -c""", "head -1000 | uniq -c"),
    # set 18 M65's kind: the restored copy's check sent to a file, or to nowhere with its errors
    ("TOOL020", ROLLBACK, RESTORED, RESTORED.replace("2>&1", '> "$restoring.txt"'), '> "$restoring.txt")'),
    ("TOOL020", ROLLBACK, RESTORED, RESTORED.replace("2>&1", ">/dev/null 2>&1"), ">/dev/null 2>&1)"),
    # set 18 M61's kind: colour forced, in a cluster of jq's short flags, or by grep's long flag
    ("TOOL024", LOGS, AUTH_QUERY, AUTH_QUERY.replace("jq -c", "jq -cC"), "jq -cC"),
    ("TOOL024", LOGS, BY_USER, BY_USER.replace("grep ", "grep --colour=always "), "grep --colour=always"),
]

NEAR_MISSES = [
    ("TOOL019", AUTH, BY_IP, """.context.ip' "$LOG_FILE" | LC_ALL=C sort | uniq -c | sort -rn"""),
    ("TOOL019", AUTH, BY_IP, """.context.ip' "$LOG_FILE" | sort | cut -d. -f1-3 | uniq -c"""),
    ("TOOL019", AUTH, BY_IP, """.context.ip' "$LOG_FILE" | sort -u"""),
    ("TOOL020", ROLLBACK, RESTORED, RESTORED.replace("2>&1", "2>&1 </dev/null")),
    ("TOOL020", ROLLBACK, RESTORED, RESTORED.replace("2>&1", "2>&1 >/dev/null")),  # captures the errors alone
    ("TOOL024", LOGS, BY_USER, BY_USER.replace("grep ", "grep --color=auto -C 2 ")),
    ("TOOL024", LOGS, AUTH_QUERY, AUTH_QUERY.replace("jq -c", "jq -rc")),
]


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker"), FAULTS)
def test_fault_found_at_its_line(data_copy, rule, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), [rule])
    assert [(p.rule, p.file, p.line) for p in found] == [(rule, f"data/{file}", line_of(data_copy / file, marker))]


@pytest.mark.parametrize(("rule", "file", "old", "new"), NEAR_MISSES)
def test_near_miss_passes(data_copy, rule, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), [rule])] == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TOOL019", "TOOL020", "TOOL024"]) == []


def test_which_uniqs_read_unsorted_lines():
    assert [_text(n) for n in unsorted_uniqs("a | uniq -c | sort -rn")] == ["uniq -c"]
    assert [_text(n) for n in unsorted_uniqs("y=$(a | uniq)")] == ["uniq"]
    assert list(unsorted_uniqs("uniq -c counts.txt")) == list(unsorted_uniqs("a | uniq -c counts.txt")) == []
    assert [_text(n) for n in unsorted_uniqs("a | uniq - out.txt")] == ["uniq - out.txt"]  # reads the pipe
    assert list(unsorted_uniqs("ls | uniq")) == list(unsorted_uniqs("jq -r '[.[]] | sort[]' f | uniq -c")) == []
    assert [_text(n) for n in unsorted_uniqs("ls -t | uniq")] == ["uniq"]


def test_which_substitutions_capture_nothing():
    lost = lambda code: [_text(r) for r in lost_substitutions(code)]  # noqa: E731
    assert lost("c=$(a 1>&2)") == ["1>&2"] and lost("c=`a | b &>/dev/null`") == ["&>/dev/null"]
    assert lost("c=$(a >&2 2>&1)") == [">&2"]  # 2>&1 after: the errors follow stdout to the terminal
    assert lost("c=$(a > f; cat f)") == lost("c=$(a 2>&1)") == lost("c=$(a 2>&1 >/dev/null)") == []


def test_which_flags_force_colour():
    assert forced_colour("jq", ["-rC", "."]) == 0 and forced_colour("ls", ["-la", "--color"]) == 1
    assert forced_colour("git", ["diff", "--color", "always"]) == 1
    assert forced_colour("grep", ["--color", "x"]) is None  # grep's bare --color is auto
    assert forced_colour("git", ["-C", ".", "log"]) is None and forced_colour("grep", ["-C", "2", "x"]) is None


def test_uniqs_options_take_their_values():
    assert [_text(n) for n in unsorted_uniqs("a | uniq -c -f 1")] == ["uniq -c -f 1"]
    assert [_text(n) for n in unsorted_uniqs("a | uniq -w 12 -")] == ["uniq -w 12 -"]
