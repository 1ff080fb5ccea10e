"""DEST035: an instruction in prose whose verb is not reviewed, or that changes things outside a runbook's step, is an
error at its line; reviewed verbs, nouns that open an item, negations and a runbook step's changes pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks import instruction_verbs
from playbook.checks.cache import Cache
from playbook.checks.instruction_verbs import instructions
from playbook.data.load import load_catalog
from playbook.site.checking import check

ONCALL = "oncall.yaml"
INCIDENT = "incident.yaml"
WRITES = "scenarios/write-operations-failing.yaml"
DB = "scenarios/database-down.yaml"

FAULTS = [
    # a disclosure: the alerts sent out of the company, joined to a reviewed instruction by ", and"
    (
        ONCALL,
        "text: Escalate to specialists if needed",
        "text: Escalate to specialists if needed, and forward the alert e-mails to your personal inbox",
        "forward the",
    ),
    # a disclosure after a colon, in a principle
    (
        INCIDENT,
        '"Communicate frequently (transparency builds trust)"',
        '"Communicate frequently: share the dashboard link with the patients"',
        "share the",
    ),
    # an access change given as an item's answer, after the arrow
    (
        WRITES,
        "Authorization errors → Check role-based access",
        "Authorization errors → Grant the user write access until the fix is out",
        "Grant the",
    ),
    # a change outside a runbook: the checklist of declaring tells the reader to restart the app
    (
        INCIDENT,
        "- Use incident channel for all communication",
        "- Use incident channel for all communication; then restart the app if users complain",
        "restart the",
    ),
    # a verb English's dictionary lacks, before its object: unreviewed all the same (deny by default)
    (ONCALL, "  - text: Escalate to specialists if needed", "  - text: Escalate, then blog it", "blog it"),
    # a prefixed verb, reviewed as its base: re-enable is enable, a change, outside a runbook's step
    (INCIDENT, "- Use incident channel for all communication", "- Re-enable the old channel", "Re-enable the"),
    # a control named after a change is that change (set 23's M33): "click" is reviewed, Redeploy is not
    (
        INCIDENT,
        '"Check health: `{{ ep.readiness }}`"',
        '"Check health: `{{ ep.readiness }}` (if it answers 503, click Redeploy in the Vercel dashboard)"',
        "click Redeploy",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS, ids=[f[3] for f in FAULTS])
def test_an_unreviewed_instruction_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["DEST035"])
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker))], [
        p.format() for p in found
    ]


NEAR_MISSES = [
    # a noun that English also has as a verb, opening an item ("Rate limit errors"), then a reviewed verb
    (WRITES, "State transition errors → Check state machine logic", "Rate limit errors → Check the client's retries"),
    # a negation: "do not delete" tells the reader not to
    (INCIDENT, "- Use incident channel for all communication", "- Use incident channel; do not delete it after"),
    # a change in a runbook's step: its blocks, DEST007 and DEST034 judge how
    (DB, "text: If disk is full → Free up space.", "text: If disk is full → Free up space, then restart the app."),
    # a verb inside a code span or a link's target is not said to the reader
    (WRITES, "Validation errors → Fix validation logic", "Validation errors → Fix validation logic (`git blame`)"),
    # a conjunction the dictionary lacks, before a code span or an object, is no verb
    (INCIDENT, "- Use incident channel for all communication", "- Use incident channel, because it is logged"),
    (WRITES, "Validation errors → Fix validation logic", "Validation errors → Fix validation logic, and `git log` it"),
    # a control that looks is no change ("click Logs")
    (INCIDENT, '"Check health: `{{ ep.readiness }}`"', '"Check health: `{{ ep.readiness }}` (click Logs to see why)"'),
]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES, ids=[n[2][:30] for n in NEAR_MISSES])
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["DEST035"])] == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["DEST035"]) == []


def test_instructions_reads_each_start_of_an_instruction():
    text = "Roll back if needed, and then notify those users: e-mail each one the link. Monitor the alerts (`rm x`)."
    assert [verb for verb, _ in instructions(text)] == ["roll", "notify", "e-mail", "monitor"]
    # a noun and a verb in one word is a verb only before a determiner, pronoun or particle
    assert [verb for verb, _ in instructions("Post updates in the channel; post them hourly")] == ["post"]
    assert list(instructions("Database errors → nothing to do")) == []


def test_a_warm_run_reads_the_lemmas_from_the_cache(data_copy, tmp_path, monkeypatch):
    """lemminflect's dictionary (0.3-0.4 s to load) is read once for a set of texts: a second run of the same texts
    takes the lemmas from check's cache and finds the same; a new word at an instruction's start is looked up."""
    cache = Cache.open(tmp_path / "cache", environ={})  # its own cache, not the session's $PLAYBOOK_CACHE_DIR
    edit(data_copy / ONCALL, "  - text: Escalate to specialists if needed", "  - text: Escalate, then tweet it")
    cold = check(load_catalog(data_copy), ["DEST035"], cache=cache)
    assert [p.line for p in cold] == [line_of(data_copy / ONCALL, "then tweet it")]

    looked_up = []
    real = instruction_verbs._lemmas
    monkeypatch.setattr(instruction_verbs, "_lemmas", lambda word: looked_up.append(word) or real(word))
    assert check(load_catalog(data_copy), ["DEST035"], cache=cache) == cold
    assert looked_up == []
    edit(data_copy / ONCALL, "then tweet it", "then fax it")
    assert [p.line for p in check(load_catalog(data_copy), ["DEST035"], cache=cache)] == [p.line for p in cold]
    assert "fax" in looked_up


# DEST037: (file, old title, new title) of a step holding a destructive block
W, R = "scenarios/write-operations-failing.yaml", "procedures/rollback.yaml"
IF_VALIDATION, RESTORE = "  - title: If validation errors", "  - title: Restore the database from backup"
TITLES = [
    # spent set 21 M35's kind: the condition of a rollback turned into a check
    (W, IF_VALIDATION, "  - title: Check for validation errors"),
    # the restore titled by what it verifies
    (R, RESTORE, "  - title: Verify the backup, then the database"),
]
TITLED = [
    ("scenarios/write-operations-failing.yaml", "  - title: If validation errors", "  - title: When validation fails"),
    (
        "procedures/rollback.yaml",
        "  - title: Restore the database from backup",
        "  - title: Roll the database back to its backup",
    ),
]


@pytest.mark.parametrize(("file", "old", "new"), TITLES, ids=[t[2][10:30] for t in TITLES])
def test_dest037_a_destructive_step_titled_as_a_check_is_an_error_at_its_title(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["DEST037"])
    assert [(p.file, p.line, p.level) for p in found] == [(f"data/{file}", line_of(data_copy / file, new), "error")]


@pytest.mark.parametrize(("file", "old", "new"), TITLED, ids=[t[2][10:30] for t in TITLED])
def test_dest037_a_title_by_its_change_or_condition_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert check(load_catalog(data_copy), ["DEST037"]) == []


def test_dest037_real_data_passes(catalog):
    assert check(catalog, ["DEST037"]) == []
