"""The kind of question decides the answer (issue 26's sixth round): a person asked for after a time gone by is the
escalation rule; an incident type named beside a team is its matrix row; a section or template is the write-up's;
an HTTP method typed alone is its endpoints' requests; a SQL keyword in a sentence is no command. Each in a phrasing
of no query set, with a near miss that must not move."""

from __future__ import annotations


def _answers(page, query: str) -> list[str]:
    return page.evaluate("q => pbSearchAnswers(q)", query)


ESCALATION = "oncall.html#escalation-path"


def test_a_person_asked_for_after_a_time_gone_by_is_the_escalation_rule(base_url, page):
    """Two clock times typed are the time the incident has gone on (past midnight too); a duration said to have
    passed is one; with a person asked for, the escalation rule says who comes in by then."""
    page.goto(base_url + "index.html")
    for query in (
        "incident started 22:45, it's 01:10 now, who should I call",
        "been down for 3 hours who do I page",
        "sev2 open for 45 min, who else do I wake",
    ):
        assert _answers(page, query)[:1] == [ESCALATION], query
    # near misses: a clock time with no person asked; a person asked with no time gone by
    assert _answers(page, "the deploy at 14:00 broke notes")[:1] == ["scenarios/write-operations-failing.html"]
    assert _answers(page, "who do I page")[:1] == ["oncall.html"]


def test_an_incident_type_beside_a_team_is_its_matrix_row(base_url, page):
    """The matrix relates incident types to teams: an incident type named in full beside a team (or two teams)
    asks for its row; two roles alone still ask for the order between them, a team alone for its contact row."""
    page.goto(base_url + "index.html")
    assert _answers(page, "do I page the database team or devops when prisma fails")[:1] == [
        "matrix.html#database-failures"
    ]
    assert _answers(page, "who escalates auth failures past the security team")[:1] == ["matrix.html#auth-failures"]
    assert _answers(page, "cto or engineering manager who comes first")[:1] == [ESCALATION]
    assert _answers(page, "page the backend team")[:1] == ["contacts.html#backend-team"]
    assert _answers(page, "security lead email")[:1] == ["contacts.html#security-lead"]


def test_a_section_or_template_to_fill_in_is_the_write_up(base_url, page):
    page.goto(base_url + "index.html")
    for query in ("what goes in the timeline section", "root cause template", "fill in the severity field"):
        assert _answers(page, query)[:1] == ["postmortem.html"], query
    # near miss: a section of the logs' runbook (a task, ranked before the write-up)
    assert _answers(page, "which section of the logs runbook has the jq queries")[:1] == ["logs.html"]


def test_a_method_typed_alone_is_its_endpoints_requests(base_url, page):
    """ "POSTs" in capitals are the writes' requests: a share of them failing is a reading of the error rate."""
    page.goto(base_url + "index.html")
    assert _answers(page, "90% of POSTs erroring")[:1] == ["severities.html#sev-1"]
    assert "scenarios/write-operations-failing.html" in _answers(page, "90% of POSTs erroring")
    # near miss: "get" in lower case is a word
    assert "severities.html#sev-1" not in _answers(page, "get notes failing")


def test_a_sql_keyword_in_a_sentence_is_no_command(base_url, page):
    """A SQL keyword names its step beside another of the step's tools, or typed in capitals; in a sentence it is
    English ("count as", "in order")."""
    page.goto(base_url + "index.html")
    step = "scenarios/write-operations-failing.html#4-if-state-transition-errors"
    assert _answers(page, "count rows in ClinicalNote")[:1] == [step]
    assert step in _answers(page, "COUNT by status")[0].split("|")
    for query in ("does a write count as a read", "who comes after the secondary, in order"):
        assert all(step not in a.split("|") and "rollback.html#" not in a for a in _answers(page, query)), query


def test_a_level_question_naming_a_level_is_that_levels(base_url, page):
    """ "Does it count as", "qualify as", "considered" ask for a level: the level named, else the one the named
    system's runbook is filed at; a level beside a system, with no question, keeps the runbook first."""
    page.goto(base_url + "index.html")
    assert _answers(page, "would a login outage qualify as sev1")[:1] == ["severities.html#sev-1"]
    assert _answers(page, "is a slow dashboard considered sev3")[:1] == ["severities.html#sev-3"]
    assert _answers(page, "what severity is an ai outage")[:1] == ["severities.html#sev-2"]  # the AI runbook's level
    assert _answers(page, "database sev1")[:1] == ["scenarios/database-down.html"]
