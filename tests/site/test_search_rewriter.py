"""pb-search.js, run in node with the hints the build gives the real data: it reads a time span typed in any unit or
in words, and a deadline or cadence the data gives one answer alone names that answer; a symptom-shaped query wants
its runbook before the dashboard panel that shows the signal; a word typed without its vowels is the search's word
with those consonants."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook.adapters.mkdocs.search import stop_words
from playbook.data.durations import seconds
from playbook.site.search_hints import quantities, search_hints

JS = Path("docs/assets/pb-search.js")
_RUN = """
const fs = require("fs");
global.window = { pbSearchHints: JSON.parse(fs.readFileSync(process.argv[1], "utf8")) };
eval(fs.readFileSync(process.argv[2], "utf8"));
const asked = JSON.parse(fs.readFileSync(0, "utf8"));
const w = window;
process.stdout.write(JSON.stringify(asked.map(q => [w.pbSearchTime(q), w.pbSearchAnswers(q), w.pbSearchTokens(q)])));
"""


@pytest.fixture(scope="module")
def hints_file(catalog, tmp_path_factory):
    path = tmp_path_factory.mktemp("hints") / "hints.json"
    path.write_text(json.dumps(search_hints(catalog, [], list(stop_words()))))  # lunr's, as the site's
    return path


def run(hints_file: Path, queries: list[str]) -> list[tuple[dict, list[str], list[str]]]:
    proc = subprocess.run(
        ["node", "-e", _RUN, str(hints_file), str(JS)],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        check=True,
    )
    return [tuple(r) for r in json.loads(proc.stdout)]


# minutes per unit, and the spellings a tired hand types for it
_UNITS = {
    1 / 60: ["s", "sec", "secs", "second", "seconds"],
    1: ["m", "min", "mins", "minute", "minutes"],
    60: ["h", "hr", "hrs", "hour", "hours"],
    1440: ["d", "day", "days"],
}


@settings(max_examples=10, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 500), st.sampled_from([(m, u) for m, us in _UNITS.items() for u in us]), st.booleans()
        ),
        min_size=1,
        max_size=20,
    )
)
def test_a_span_in_any_unit_is_its_minutes(hints_file, spans):
    queries = [f"ack {n}{'' if tight else ' '}{unit} ok" for n, (_, unit), tight in spans]
    got = run(hints_file, queries)
    for (n, (per, _), _), (time, *_) in zip(spans, got, strict=True):
        assert time["minutes"] == pytest.approx(n * per, abs=1e-5)


def test_a_span_said_in_words_is_its_minutes_and_a_time_of_day_is_none(hints_file):
    said = {
        "every half hour": 30,
        "within half an hour": 30,
        "a quarter of an hour": 15,
        "an hour": 60,
        "two hours": 120,
        "a couple of hours": 120,
        "thirty minutes": 30,
        "120 seconds": 2,
        "4 days": 5760,
        "went vertical at 2am": None,
        "since 2 am": None,
    }
    got = run(hints_file, list(said))
    assert [t["minutes"] for t, *_ in got] == list(said.values())


def test_a_deadline_or_cadence_is_told_from_a_time_gone_by(hints_file):
    got = run(
        hints_file, ["ai off within 120 seconds", "post every half hour", "upd q30m", "down for 2 minutes", "at 2am"]
    )
    assert [t["typed"] for t, *_ in got] == [
        {"minutes": 2, "kind": "d"},
        {"minutes": 30, "kind": "c"},
        {"minutes": 30, "kind": "c"},  # q30m: every 30 minutes, as a chart writes it
        None,
        None,
    ]


def test_the_datas_times_each_with_its_kind_and_answer(catalog):
    q = quantities(catalog)
    assert [2, "d", "disable-ai.html"] in q  # the disable-AI procedure's target
    assert [30, "c", "declare.html#step-5-communicate"] in q  # SEV-1's updates, said per level in step 5
    assert [5, "d", "severities.html#sev-1"] in q  # SEV-1's acknowledgement
    assert all(kind in "cd" for _, kind, _ in q)


def test_a_time_one_answer_gives_alone_names_it(hints_file):
    got = run(
        hints_file,
        [
            "ai shutoff within 120 seconds",  # the disable-AI procedure's 2 minutes
            "am I supposed to post in the incident channel every half hour?",  # SEV-1 updates: step 5
            "how do I switch off ai in under 2 min",
            "every 2 hours",  # SEV-2 and SEV-3 both update so: step 5 still
            "ai down for 2 minutes",  # a time gone by names no deadline
            "primary not answering in 15 minutes",  # the escalation's clock, not SEV-2's acknowledgement
        ],
    )
    firsts = [answers[0] if answers else None for _, answers, _ in got]
    assert firsts[:4] == [
        "disable-ai.html",
        "declare.html#step-5-communicate",
        "disable-ai.html",
        "declare.html#step-5-communicate",
    ]
    assert firsts[4] != "disable-ai.html"
    assert firsts[5] == "oncall.html#escalation-path"


def test_a_symptom_wants_its_runbook_before_the_panel_that_shows_it(hints_file, catalog):
    got = run(
        hints_file,
        [
            "signin failures graph went vertical at 2am",
            "does charting still work if openai is down?",
            "write error chart shot up",
            "can clinicians keep charting while the ai helper is broken",  # charting notes, not a chart
            "signin failures graph",  # no change said: the panel
            "ai dashboard",
        ],
    )
    firsts = [answers[0] for _, answers, _ in got]
    assert firsts[:4] == [
        "scenarios/auth-failure-spike.html",
        "scenarios/ai-service-down.html",
        "scenarios/write-operations-failing.html",
        "scenarios/ai-service-down.html",
    ]
    assert got[0][1][1] == "monitoring.html#4-auth-metrics"  # the panel still comes, after
    assert firsts[4:] == ["monitoring.html#4-auth-metrics", "monitoring.html#6-ai-metrics"]
    hints = search_hints(catalog, [], ["the"])
    assert "monitoring.html#4-auth-metrics" in hints["mentions"]
    assert set(hints["symptoms"]) == {"change", "outage", "slow"}


def test_a_word_typed_without_its_vowels_is_the_one_word_of_the_search_with_those_consonants(hints_file):
    typed = ["db qry p99 tile", "authz errs on rx writes", "tbl cnt", "pg restart cmd", "avg sql time", "try ssh"]
    got = [tokens for *_, tokens in run(hints_file, typed)]
    assert got[0][:2] == ["db", "query"]  # q-r-y
    assert got[1][:2] == ["authorization", "error"]  # authz is a listed short form; "errs" is "error"'s e-r
    assert got[2] == ["table", "count"]  # a listed short form and an unvowelled word
    # two letters ("pg" is no "page"), a word of the index the search has no word for ("sql" is no "sqlite"), a
    # tool or a word with vowels stay as typed
    assert got[3][0] == "pg"
    assert got[4][1] == "sql"
    assert got[5] == ["try", "ssh"]


def test_short_forms_and_slang_reach_their_answers(hints_file):
    got = run(
        hints_file,
        [
            "db qry p99 tile",  # a dashboard tile: the database's panel
            "authz errs on rx writes",  # authorization errors on prescription writes: the writes runbook
            "PIR owner = primary oncall?",  # the post-incident review: the post-mortem's owner field
            "DBA team on the hook for db outages?",  # the owner of database failures: their matrix row
        ],
    )
    firsts = [answers[0] for _, answers, _ in got]
    assert firsts == [
        "monitoring.html#8-database",
        "scenarios/write-operations-failing.html",
        "postmortem.html",
        "matrix.html#database-failures",
    ]


def test_a_template_part_is_named_by_its_words_bar_the_stop_words_it_opens_with(hints_file):
    got = run(
        hints_file,
        [
            "things we'd do differently next time, where to write them",  # "What We'll Do Differently"
            "reconstruct when the alert fired vs when we acked",  # rebuilding the timeline
        ],
    )
    assert [answers[0] for _, answers, _ in got] == ["postmortem.html", "postmortem.html"]


def test_a_share_read_into_a_percentage_yields_to_a_signal_typed_beside_it(hints_file):
    """Hand-checked against severities.yaml: an error rate above 50% is SEV-1; under 5% of users affected is SEV-3.
    "62% of api calls" reads as a share of users only for want of a better signal: "errors" typed beside it is one."""
    got = run(hints_file, ["62% of api calls returning errors", "3 pct of accounts failing", "7% of users"])
    assert [answers[0] for _, answers, _ in got] == [
        "severities.html#sev-1",  # the error rate, typed
        "severities.html#sev-3",  # near miss: no signal typed, a share of users is all it can be
        "severities.html#sev-2",  # sibling: the share typed ("users")
    ]


def test_a_person_asked_for_after_an_incident_has_lasted_past_an_escalation_time_is_the_escalation_rule(hints_file):
    """Hand-checked against oncall.yaml: the escalation path brings the CTO in when an incident persists > 2 hours."""
    got = run(hints_file, ["outage at 150 min, page the cto?", "updates every 3 hours who posts", "who acks in 5 min"])
    first = [answers[0] for _, answers, _ in got]
    assert first[0] == "oncall.html#escalation-path"  # 150 min > 2 hours, the person named: the rule that says when
    assert first[1] == "declare.html#step-5-communicate"  # near miss: a cadence is no time lasted
    assert first[2] != "oncall.html#escalation-path"  # near miss: 5 min is past no time of the escalation rule


def test_one_typo_in_a_short_word_of_a_phrase_is_told_by_the_whole_phrase(hints_file):
    """ "cal" is too short to be read as a typo on its own; "on cal" is one letter from the phrase "on call" (a word of
    the on-call concept, data/search.yaml). A real word typed in its place is no typo: "on all pages" names no
    on-call, nor a stop word: "call it a sev2" names no escalation ("call in")."""
    script = _RUN.replace("[w.pbSearchTime(q), w.pbSearchAnswers(q), w.pbSearchTokens(q)]", "w.pbSearchConcepts(q)")
    proc = subprocess.run(
        ["node", "-e", script, str(hints_file), str(JS)],
        input=json.dumps(["on-cal responsibilites", "escalation patg", "on all pages", "should we call it a sev2"]),
        capture_output=True,
        text=True,
        check=True,
    )
    typo, sibling, real, stop = json.loads(proc.stdout)
    assert "oncall" in typo
    assert "escalate" in sibling  # "escalation path", its short word mistyped
    assert "oncall" not in real  # near miss: "all" is a word of the data, no typo of "call"
    assert "escalate" not in stop  # near miss: "it" is a stop word, no typo of "in" ("call in" is escalating)


def test_a_time_a_runbook_acts_on_makes_a_levels_clock_no_longer_its_own(hints_file, catalog):
    """The AI runbook waits out an outage shorter than its wait_limit (data/scenarios/ai-service-down.yaml): that
    time is no longer SEV-3's acknowledgement alone, and the step that says it (wait or disable) comes first. A level
    named beside its clock still gives the level; a time no runbook acts on still names its level."""
    wait = catalog.scenarios["ai-service-down"].params["wait_limit"]
    minutes = int(seconds(wait) / 60)
    assert [minutes, "d", "scenarios/ai-service-down.html#3-decision-disable-ai-or-wait"] in quantities(catalog)
    got = run(hints_file, [f"ai out less than {minutes} min just wait?", "within 15 minutes, what level"])
    firsts = [answers[0] if answers else None for _, answers, _ in got]
    assert firsts[0] == "scenarios/ai-service-down.html#3-decision-disable-ai-or-wait"
    assert firsts[1] == "severities.html#sev-2"  # near miss: SEV-2's acknowledgement, no runbook's time


def test_a_row_named_as_the_one_before_asks_for_the_next_in_line(hints_file):
    """ "who comes after the secondary on call" names the secondary's row, as the one before: the next in line is
    the escalation rule's. Naming the row alone still gives the row."""
    got = run(hints_file, ["who comes after the secondary on call", "who is above the engineering manager",
                           "who is the secondary on call"])  # fmt: skip
    firsts = [answers[0] if answers else None for _, answers, _ in got]
    assert firsts[:2] == ["oncall.html#escalation-path", "oncall.html#escalation-path"]
    assert firsts[2] == "contacts.html#oncall-secondary"  # near miss


def test_restoring_ai_is_re_enabling_it_and_a_database_is_restored_from_backup(hints_file):
    got = run(hints_file, ["restore ai features now openai is back", "restore the database"])
    firsts = [answers[0] if answers else None for _, answers, _ in got]
    assert firsts == [
        "disable-ai.html#re-enable-ai",
        "scenarios/database-down.html#5-if-database-is-corrupted-restore-from-backup",
    ]


def test_an_incident_type_with_no_runbook_is_named_by_the_concept_that_reads_its_name(hints_file):
    """Hand-checked against matrix.yaml: Security breach has no runbook, and its escalation brings in the legal team
    and the board; "intrusion" is a word of the security concept, whose words include "breach", the one word of that
    type's name no other type's name has. Beside the people of its row, it names the row; asked how bad, the level."""
    got = run(hints_file, ["intrusion over, legal and board informed?", "intrusion how bad"])
    firsts = [answers[0] if answers else None for _, answers, _ in got]
    assert firsts == ["matrix.html#security-breach", "severities.html#sev-1"]  # the second: near miss


def test_part_of_the_service_down_is_a_partial_outage_and_not_reaching_a_system_is_its_outage(hints_file):
    """Hand-checked against severities.yaml: SEV-2 is a partial outage, SEV-1 a complete one. "can't reach" a system
    is that system down (its runbook), not a question for a contact; "how do I reach" a team still is."""
    got = run(hints_file, ["a few endpoints dead, the rest fine", "api cannot reach the db", "reach the database team"])
    firsts = [answers[0] if answers else None for _, answers, _ in got]
    assert firsts == ["severities.html#sev-2", "scenarios/database-down.html", "contacts.html#database-team"]
