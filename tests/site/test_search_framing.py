"""pb-search.js, run in node with the hints of the real data: a label that names the post-mortem frames the question
after it; a tilde before a number is "about", not lunr's typo mark; a chat command typed with its slash names the
steps that run it; a role or team named beside an incident type of theirs names that type's matrix row."""

from __future__ import annotations

import json

import pytest
from test_search_rewriter import run

from playbook.adapters.mkdocs.search import stop_words
from playbook.site.search_hints import search_hints
from playbook.site.search_rows import chat_places, staffed, table_words


@pytest.fixture(scope="module")
def hints_file(catalog, tmp_path_factory):
    path = tmp_path_factory.mktemp("hints") / "hints.json"
    path.write_text(json.dumps(search_hints(catalog, [], list(stop_words()))))
    return path


def _firsts(hints_file, queries: list[str]) -> list[str | None]:
    return [answers[0] if answers else None for _, answers, _ in run(hints_file, queries)]


def test_a_label_naming_the_postmortem_frames_the_question_after_it(hints_file, catalog):
    assert [c.id for c in catalog.search.concepts if c.says == "frame"] == ["review"]
    framed = [
        "retro: should the secondary have been woken up sooner",  # the rest asks about the escalation
        "postmortem note: did we declare it too late?",  # a label of two words: "note" is no save
        "pm: was the sev-2 ack inside its sla",
    ]
    kept = [
        "retro: sections to fill in",  # the rest names the template itself
        "follow-up: add a unit test for the rate limit",  # a label naming what the post-mortem records
        "retro: what went well",  # nothing else named: the post-mortem
        "retro on the sev-2 ack",  # no colon, no label: the post-mortem comes first as before
    ]
    assert _firsts(hints_file, framed) == [
        "oncall.html#escalation-path",
        "declare.html",
        "severities.html#sev-2",
    ]
    assert _firsts(hints_file, kept) == ["postmortem.html"] * 4


def test_a_tilde_before_a_number_is_about_not_lunr_syntax(hints_file):
    got = run(hints_file, ["openai back in ~30 min, wait or disable ai?", "databse~1"])
    assert got[0][1][0] == "scenarios/ai-service-down.html#3-decision-disable-ai-or-wait"
    assert got[1][1] == []  # lunr's own typo mark after a word: sent as typed, nothing added


def test_a_chat_command_names_the_steps_that_run_it(hints_file, catalog):
    places = {command: finds for command, *finds in chat_places(catalog)}
    # every chat command the data lists is run somewhere, and each place is a step of a page
    assert set(places) == {" ".join(c.name.lstrip("/").split()) for c in catalog.data.chat_commands}
    assert all("#" in f for finds in places.values() for f in finds)
    got = run(hints_file, ["how do I word the /incident resolve message", "/incident updat syntax", "incident resolve"])
    assert got[0][1][0] == "declare.html#step-6-resolve"
    assert got[1][1][0] == "|".join(places["incident update"])  # one typo in its verb; the index picks the step
    assert got[2][1][0] == "declare.html#step-6-resolve"  # no slash: the resolve concept, as before
    assert "incident update" in places and len(places["incident update"]) >= 2


def test_a_role_or_team_beside_an_incident_type_of_theirs_names_its_matrix_row(hints_file, catalog):
    rows = staffed(catalog)
    assert "contacts.html#cto" in rows["matrix.html#database-failures"]
    assert "contacts.html#cto" not in rows["matrix.html#ai-failures"]
    got = _firsts(
        hints_file,
        [
            "is the devops team involved when the database is down",  # the secondary of database failures
            "would the cto hear about a db outage",  # its escalation
            "ai team and the cto, who handles an ai outage",  # the cto is not on AI failures: no row of this rule
            "ai down",  # "ai" alone is no team
            "cto phone",  # no incident type: the contact row
        ],
    )
    assert got[:2] == ["matrix.html#database-failures"] * 2
    assert got[2] == "matrix.html#ai-failures"  # the ai team is (the owner question's own row)
    assert got[3:] == ["scenarios/ai-service-down.html", "contacts.html#cto"]


def test_a_program_beside_a_word_of_the_app_table_its_step_reads_names_that_step(hints_file, catalog):
    assert table_words(catalog)["clinicalnote"] == ["clinical", "note"]
    step = "scenarios/write-operations-failing.html#4-if-state-transition-errors"
    got = run(hints_file, ["show draft notes with sqlite3", "sqlite database locked", "notes stuck in draft"])
    assert step in got[0][1][0].split("|")  # "sqlite" is the database's word, yet the step that reads notes runs it
    assert got[1][1][0] == "scenarios/database-down.html"  # no table named: the database's runbook
    assert all(step not in a.split("|") for a in got[2][1])  # no program typed: no step


def test_an_equals_sign_before_a_level_asks_whether_it_is_that_level(hints_file):
    firsts = _firsts(
        hints_file,
        ["db outage = sev1?", "ai outage = HIGH?", "db outage sev1", "rate limit == 0 for ai", "ai errors >= 20%"],
    )
    assert firsts[:2] == ["severities.html#sev-1", "severities.html#sev-2"]  # by its concept's name, by its own
    assert firsts[2] == "scenarios/database-down.html"  # no equals sign: the system named first, as before
    assert firsts[3] == "disable-ai.html"  # "==" before no level: as typed
    assert firsts[4] == "scenarios/ai-service-down.html"  # a bound, no equals sign
