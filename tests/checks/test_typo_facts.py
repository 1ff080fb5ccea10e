"""TOOL028 (an SQL schema neither main/temp nor attached), TOOL029 (a numeric sort after a uniq that prints no
count), TOOL033 (uniq's counts sorted smallest first), ALR018 (an alert's for: shorter than the evaluation interval):
each fault is found at its line; the near misses and the real data pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.numeric_sorts import numeric
from playbook.data.load import load_catalog
from playbook.site.checking import check

ROLLBACK = "procedures/rollback.yaml"
EXCEPT = 'FROM salvaged.\\"$table\\" EXCEPT SELECT * FROM main.\\"$table\\"'
ATTACH = "ATTACH '$salvaged' AS salvaged"
AUTH = "scenarios/auth-failure-spike.yaml"
BY_IP = "| sort | uniq -c | sort -rn"
ALERTS = "alerts.yaml"
AI_HOLD = "per: [{metric: ai.generate_note.invocation}]\n    for: 5m"

FAULTS = [
    # set 20 M72's kind: the attached name mistyped where it is read, or the main schema mistyped
    ("TOOL028", ROLLBACK, EXCEPT, EXCEPT.replace("salvaged.", "salvage."), "FROM salvage."),
    ("TOOL028", ROLLBACK, EXCEPT, EXCEPT.replace("main.", "mian."), "FROM mian."),
    # ... or where it is attached: the block types salvaged (its file, its variable) more often than salvage, so the
    # ATTACH is the typo, reported there
    ("TOOL028", ROLLBACK, ATTACH, ATTACH.replace("AS salvaged", "AS salvage"), 'AS salvage"'),
    # set 20 M70's kind: uniq's -c typed as another letter, or dropped; the sort after it is numeric
    ("TOOL029", AUTH, BY_IP, "| sort | uniq -d | sort -rn", "uniq -d | sort -rn"),
    ("TOOL029", AUTH, BY_IP, "| sort | uniq | sort -k1,1nr", "uniq | sort -k1,1nr"),
    # set 24's M70: the sort's -r lost, the value seen most is now the last line; or on a key, without r
    ("TOOL033", AUTH, BY_IP, "| sort | uniq -c | sort -n", "uniq -c | sort -n"),
    ("TOOL033", AUTH, BY_IP, "| sort | uniq -c | sort -k1,1n | head -5", "sort -k1,1n | head"),
    # set 20 M65's kind: minutes typed as seconds, on another alert
    ("ALR018", ALERTS, AI_HOLD, AI_HOLD.replace("5m", "5s"), "for: 5s"),
    ("ALR018", ALERTS, AI_HOLD, AI_HOLD.replace("5m", "50s"), "for: 50s"),
]

NEAR_MISSES = [
    ("TOOL028", ROLLBACK, EXCEPT, EXCEPT.replace("main.", "temp.")),
    ("TOOL028", ROLLBACK, EXCEPT, EXCEPT.replace("main.", "")),  # unqualified: main's table
    ("TOOL028", ROLLBACK, ATTACH, ATTACH.replace("AS salvaged", 'AS \\"salvaged\\"')),
    ("TOOL029", AUTH, BY_IP, "| sort | uniq -dc | sort -rn"),
    ("TOOL029", AUTH, BY_IP, "| sort | uniq -d | sort"),  # sorted by text: no count is read
    ("TOOL029", AUTH, BY_IP, "| sort | uniq --count | sort -rn"),
    ("TOOL033", AUTH, BY_IP, "| sort | uniq -c | sort -n -r"),
    ("TOOL033", AUTH, BY_IP, "| sort | uniq -c | sort -k1,1nr | head -5"),
    ("TOOL033", AUTH, BY_IP, "| sort | uniq -c | sort -n | tail -5"),  # ascending, the last few: the largest
    ("TOOL033", AUTH, BY_IP, "| sort | uniq -c | sort --reverse --numeric-sort"),
    ("ALR018", ALERTS, AI_HOLD, AI_HOLD.replace("5m", "60s")),
    ("ALR018", ALERTS, AI_HOLD, AI_HOLD.replace("5m", "1h")),
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


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-rn"], True),
        (["-n", "-r"], True),
        (["-k2,2n"], True),
        (["-k", "1g"], True),
        (["--numeric-sort"], True),
        (["-r"], False),
        (["-t", "n", "-k2"], False),
        (["-u"], False),
    ],
)
def test_numeric_sorts(args, expected):
    assert numeric(args) is expected


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TOOL028", "TOOL029", "TOOL033", "ALR018"]) == []
