"""A step's who: and its hand-overs, a drill's flag and its step's command, a cited step, a chat message (issue 24)."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

RB, DB, AI = "procedures/rollback.yaml", "scenarios/database-down.yaml", "scenarios/ai-service-down.yaml"
_WHO = "who: [oncall-primary, database-team]"
_ESCALATE = "escalate to the database team with the kept copy"
_BEFORE = '{runbook: disable-ai, step: 1, before: {flag: "false"}}'
_REENABLE = '{runbook: disable-ai, step: 3, block: 1, before: {flag: "true", provider: up}}'
_CITE = "restored from the backup in step 5."
_NOTIFY = 'code: /incident update "Database restored from backup. Investigating root cause."'

# (rule, file, old, new, the text of the line it must be reported at): each fault, then its sibling
FAULTS = [
    # set 16's M42: the restore calls in the backend team while its hints escalate to the database team
    ("OWN004", RB, _WHO, "who: [oncall-primary, backend-team]", "who: [oncall-primary, backend-team]"),
    # ... and a hint that hands over to a team the step's who: does not call in
    ("OWN004", RB, _ESCALATE, "escalate to the DevOps team with the kept copy", "escalate to the DevOps team"),
    # set 16's M43: the disable step drilled with the flag on, while its command sets it to false
    ("DRILL009", AI, _BEFORE, _BEFORE.replace('"false"', '"true"'), "{runbook: disable-ai, step: 1, before"),
    # ... and the re-enable step drilled with the flag off
    ("DRILL009", AI, _REENABLE, _REENABLE.replace('"true"', '"false"'), "{runbook: disable-ai, step: 3, block: 1"),
    # set 16's M44: the restore cited as step 4, a restart
    ("RUN010", DB, _CITE, "restored from the backup in step 4.", "restored from the backup in step 4"),
    # ... and the disk check cited as step 3 (the permissions), and a citation in brackets
    ("RUN010", DB, "step 2 checks the disk", "step 3 checks the disk", "step 3 checks the disk"),
    ("RUN010", DB, "restore from the backup (step 5)", "restore from the backup (step 4)", "backup (step 4)"),
    # ... and cited as step 3, whose title shares one word ("file") with the clause's three of the restore's
    ("RUN010", DB, _CITE, "restored from the backup in step 3.", "restored from the backup in step 3"),
    # set 16's M47: the incident resolved with the update example's message
    ("CAT013", DB, _NOTIFY, _NOTIFY.replace("update", "resolve"), "/incident resolve"),
    # ... and opened again with it
    ("CAT013", DB, _NOTIFY, _NOTIFY.replace("update", "create"), "/incident create"),
]


@pytest.mark.parametrize(("rule", "file", "old", "new", "line_text"), FAULTS, ids=[f[0] for f in FAULTS])
def test_fault_is_found_at_the_edited_line(data_copy, catalog, rule, file, old, new, line_text):
    assert check(catalog, [rule]) == []  # the real data passes
    edit(data_copy / file, old, new)
    found = [(p.file, p.line) for p in check(load_catalog(data_copy), [rule])]
    assert found == [(f"data/{file}", line_of(data_copy / file, line_text))], found


NEAR_MISSES = [
    # another team called in beside the one the hints name, and a hint naming no team
    ("OWN004", RB, _WHO, "who: [oncall-primary, database-team, devops-team]"),
    ("OWN004", RB, _ESCALATE, "escalate to the team that owns the database with the kept copy"),
    # the flag drilled on a step whose commands set no flag (the verify step): the drill's own choice
    ("DRILL009", AI, "disable-ai\n      step: 2\n", 'disable-ai\n      step: 2\n      before: {flag: "false"}\n'),
    # citations that say what their step does, in other words
    ("RUN010", DB, _CITE, "restored from a backup (the corrupted-database step, step 5)."),
    ("RUN010", DB, "step 2 checks the disk", "step 2 checks the disk space left"),
    # a citation whose own words are outnumbered by one only (the restart is not the restore from a corrupt backup)
    (
        "RUN010",
        DB,
        "step 2 checks the disk",
        "step 4 restarts an external database, not a corrupt backup; step 2 checks the disk",
    ),
    # a resolve message of its own, about the restore
    ("CAT013", DB, _NOTIFY, 'code: /incident resolve "Database restored from backup, integrity check ok, back up."'),
]


@pytest.mark.parametrize(("rule", "file", "old", "new"), NEAR_MISSES, ids=[f[0] for f in NEAR_MISSES])
def test_near_miss_passes(data_copy, rule, file, old, new):
    edit(data_copy / file, old, new)
    assert check(load_catalog(data_copy), [rule]) == []
