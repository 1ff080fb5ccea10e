"""Checker rules ALR001-ALR004: the real data passes, and each injected fault fires exactly its rule."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.checks.engine import load_rules
from playbook.data.load import load_catalog
from playbook.site.checking import check

IDS = ["ALR001", "ALR002", "ALR003", "ALR004"]


def test_rules_are_registered():
    assert set(IDS) <= set(load_rules())


def test_real_data_passes(catalog):
    assert check(catalog, only=IDS) == []


def findings(data_dir, rule_id, scans):
    """The findings of `rule_id` alone, which must be the ALR findings of every rule's run (`scans`: the scans of the
    files the fault left alone read back, see conftest.ScanCache)."""
    cat = load_catalog(data_dir)
    only = check(cat, only=[rule_id])
    mine = [p for p in check(cat, cache=scans) if p.rule in IDS]
    assert [p.rule for p in mine] == [rule_id] * len(mine), [p.format() for p in mine]
    assert mine == only
    return only


def line_of(path, text):
    return next(n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in t)


def test_alr001_runbook_anchor_missing(fault_copy, scans):
    edit(
        fault_copy / "alerts.yaml",
        "    for: 5m\n  - title: Database Not Ready",
        "    anchor: no-such-step\n    for: 5m\n  - title: Database Not Ready",
    )
    (p,) = findings(fault_copy, "ALR001", scans)
    assert p.file == "data/alerts.yaml" and p.line == line_of(fault_copy / "alerts.yaml", "anchor: no-such-step")
    assert p.field == "alerts[3].anchor"
    assert "AIServiceDown" in p.message and "no section #no-such-step" in p.message


def test_alr001_accepts_an_existing_section(data_copy):
    edit(
        data_copy / "alerts.yaml",
        "    for: 5m\n  - title: Database Not Ready",
        "    anchor: symptoms\n    for: 5m\n  - title: Database Not Ready",
    )
    assert check(load_catalog(data_copy), only=IDS) == []


def test_alr002_severe_alert_pages_nobody(fault_copy, scans):
    # SEV-2 leaves escalation level 1, the only one that pages SEV-2 at once.
    edit(
        fault_copy / "oncall.yaml",
        '    severities: [SEV-1, SEV-2, SEV-3]\n    after: "0m"',
        '    severities: [SEV-1, SEV-3]\n    after: "0m"',
    )
    found = findings(fault_copy, "ALR002", scans)
    assert [p.message for p in found] == [
        "WriteOperationFailureSpike (SEV-2) pages nobody",
        "AuthFailureSpike (SEV-2) pages nobody",
        "AIServiceDown (SEV-2) pages nobody",
    ]
    assert all(p.file == "data/alerts.yaml" and p.field.endswith(".condition") for p in found)


def test_alr002_ignores_lower_levels(data_copy):
    edit(
        data_copy / "oncall.yaml",
        '    severities: [SEV-1, SEV-2, SEV-3]\n    after: "0m"',
        '    severities: [SEV-1, SEV-2]\n    after: "0m"',
    )
    assert check(load_catalog(data_copy), only=IDS) == []


@pytest.mark.parametrize("found_by", ["alert", "humans"])
def test_alr003_scenario_without_alert(fault_copy, scans, found_by):
    text = (fault_copy / "alerts.yaml").read_text(encoding="utf-8")
    start = text.index("  - title: AI Service Down")
    end = text.index("  - title: Database Not Ready")
    (fault_copy / "alerts.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    if found_by == "humans":
        edit(fault_copy / "scenarios" / "ai-service-down.yaml", "found_by: alert", "found_by: humans")
        assert check(load_catalog(fault_copy), only=IDS) == []
        return
    (p,) = findings(fault_copy, "ALR003", scans)
    assert p.file == "data/scenarios/ai-service-down.yaml" and p.field == "found_by"
    assert p.line == line_of(fault_copy / "scenarios" / "ai-service-down.yaml", "found_by:")
    assert "ai-service-down" in p.message


def test_alr004_unknown_scenario(fault_copy, scans):
    edit(fault_copy / "alerts.yaml", "scenario: ai-service-down", "scenario: ai-outage")
    found = [p for p in check(load_catalog(fault_copy), cache=scans) if p.rule in IDS]
    # The renamed alert no longer covers its scenario: ALR003 says so too.
    assert sorted(p.rule for p in found) == ["ALR003", "ALR004"]
    (p,) = check(load_catalog(fault_copy), only=["ALR004"])
    assert p.field == "alerts[3].scenario" and "no scenario 'ai-outage'" in p.message


def test_anchors_of_headings_with_attribute_lists():
    from playbook.checks.pages import anchors_of

    md = "# Title\n\n## Runbook { data-search-exclude }\n\n### Step { #custom .x }\n\n<a id='raw'></a>\n"
    assert anchors_of(md) == {"title", "runbook", "custom", "raw"}
