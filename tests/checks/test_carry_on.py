"""RUN016: a runbook that says the users carry on never says they are blocked. Each fault is found at the line the
editor changed; a blocking word about something other than the users' work is no claim."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.carry_on import claim
from playbook.data.load import load_catalog
from playbook.site.checking import check

AI = "scenarios/ai-service-down.yaml"
WRITES = "scenarios/write-operations-failing.yaml"
STATUS = "You can continue using the system normally."

# (file, old, new, the text of the line the finding must be at): ai-service-down says three times that the users
# carry on (its symptom, its decision rule's wait, its status page message); one of them turned around is the edit
FAULTS = [
    (AI, "User workflows continue (AI is optional)", "User workflows blocked until AI recovers", None),  # set 14 M45
    (AI, "User workflows continue (AI is optional)", "Clinicians cannot finish their notes", None),
    (AI, "→ Wait (AI is optional)", "→ Wait (users are stuck meanwhile)", None),  # the decision rule's wait
    (AI, STATUS, "Users cannot save notes until AI is back.", None),  # the status page's words, inside a block
    (AI, "(AI is optional)}", "(notes require AI)}", "notes require AI"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_fault_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["RUN016"])
    line = line_of(data_copy / file, marker or new)
    assert [(p.file, p.line, p.rule) for p in found] == [(f"data/{file}", line, "RUN016")], [p.format() for p in found]


def test_a_lone_claim_that_users_go_on_is_found_where_the_others_say_they_stop(data_copy):
    # write-operations-failing says once that users are blocked (its symptom): a chat message saying they carry
    # on is one against one, and both lines are reported
    edit(data_copy / WRITES, "Investigating fix.", "Users can keep working normally.")
    found = check(load_catalog(data_copy), ["RUN016"])
    path = data_copy / WRITES
    lines = {line_of(path, "Users can keep working normally"), line_of(path, "Users unable to create notes")}
    assert {(p.file, p.line) for p in found} == {(f"data/{WRITES}", n) for n in lines}, [p.format() for p in found]


@pytest.mark.parametrize(
    "new",
    [
        "AI drafts blocked by the provider (AI is optional)",  # blocked, but not the users' work
        "User workflows continue without AI drafts",
        "Users can still continue; AI is optional",
        "User workflows are not blocked (AI is optional)",  # a negated stop
    ],
)
def test_near_misses_pass(data_copy, new):
    edit(data_copy / AI, "User workflows continue (AI is optional)", new)
    assert check(load_catalog(data_copy), ["RUN016"]) == []


def test_a_blocking_word_about_something_else_is_no_claim():
    assert claim("Block the IP at the load balancer") is None
    assert claim("None: a restart cannot be undone.") is None
    assert claim("Users cannot continue") == "stops"
    assert claim("Wait (AI is optional)") == "goes on"
    assert claim("If you cannot reach the database, escalate") is None  # an instruction to the responder
    assert claim("The restored database is not affected") is None  # not the users
    assert claim("Users are unaffected") == "goes on"


def test_the_real_data_passes(catalog):
    assert check(catalog, ["RUN016"]) == []
