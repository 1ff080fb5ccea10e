"""SEV011: a runbook's severity is the level the ladder gives its incident type; SEV012: when_to_declare names the
levels whose response creates an incident channel. Each fault is found at the line the editor changed."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

AUTH = "scenarios/auth-failure-spike.yaml"
WRITES = "scenarios/write-operations-failing.yaml"
CHANNEL = "      - {kind: create_channel, channel: incident-channel}\n      - {kind: investigate}"

# (rule, file, old, new, the file and the text of the line the finding must be at)
FAULTS = [
    ("SEV011", AUTH, "incident_type: auth-failures", "incident_type: security-breach", None),  # set 14 M44
    ("SEV011", WRITES, "incident_type: write-failures", "incident_type: security-breach", None),
    ("SEV011", AUTH, "severity: SEV-2", "severity: SEV-3", None),  # the type kept, the level moved
    ("SEV012", "incident.yaml", "Any SEV-1 or SEV-2 alert fires", "Any SEV-1 alert fires", None),  # set 14 M40
    ("SEV012", "incident.yaml", "Any SEV-1 or SEV-2 alert", "Any SEV-1, SEV-2 or SEV-3 alert", None),
    ("SEV012", "incident.yaml", "Any SEV-1 or SEV-2 alert", "Any CRITICAL alert", None),  # a level by its name
    # the declaration agrees with the post-mortem policy: the ladder's response is the edit
    ("SEV012", "severities.yaml", CHANNEL, "      - {kind: investigate}", ("severities.yaml", "- id: SEV-2")),
]


@pytest.mark.parametrize(("rule", "file", "old", "new", "where"), FAULTS)
def test_a_fault_is_found_at_its_line(data_copy, rule, file, old, new, where):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), [rule])
    at_file, marker = where or (file, new.strip().splitlines()[0])
    line = line_of(data_copy / at_file, marker)
    if where:  # the level's `response:` key, a few lines below its id
        text = (data_copy / at_file).read_text(encoding="utf-8").splitlines()
        line = next(n for n in range(line, len(text) + 1) if text[n - 1].strip() == "response:")
    assert [(p.file, p.line, p.rule) for p in found] == [(f"data/{at_file}", line, rule)], [p.format() for p in found]


def test_a_level_named_by_its_name_counts(data_copy):
    edit(data_copy / "incident.yaml", "Any SEV-1 or SEV-2 alert", "Any CRITICAL or HIGH alert")
    assert check(load_catalog(data_copy), ["SEV012"]) == []


def test_a_type_the_ladder_does_not_name_is_not_judged(data_copy):
    edit(data_copy / AUTH, "incident_type: auth-failures", "incident_type: read-failures")
    assert check(load_catalog(data_copy), ["SEV011"]) == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["SEV011", "SEV012"]) == []
