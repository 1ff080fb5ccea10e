"""HTTP001, SEV009, PM004 (witnesses.py), and where ESC003 and ROUTE002 place a fact two witnesses disagree on: each
fault is found at the line edited, each near miss passes, and the real data passes."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

RULES = ["HTTP001", "SEV009", "PM004"]

# (rule, file, old, new): the finding must be on the line `new` is on
FAULTS = [
    # HTTP001: a status a text gives an endpoint is one its drills get from it
    ("HTTP001", "catalog.yaml", "or 503 when the database", "or 500 when the database"),  # set 12 M46 (spent)
    ("HTTP001", "catalog.yaml", "Ready to serve: 200,", "Ready to serve: 204,"),
    ("HTTP001", "scenarios/database-down.yaml", '}}` returns 503"', '}}` returns 502"'),
    ("HTTP001", "procedures/rollback.yaml", "`{{ ep.readiness }}` answers 200.", "`{{ ep.readiness }}` answers 204."),
    ("HTTP001", "catalog.yaml", "the readiness probe answers 200", "the readiness probe answers 202"),
    ("HTTP001", "catalog.yaml", "1 while the readiness probe answers 200", "1 while the probe answers 204"),  # probe:
    ("HTTP001", "procedures/rollback.yaml", "`{{ ep.readiness }}` answers 200.", "the readiness check answers 204."),
    # the statuses a drill expects in the output of a step that curls the endpoint (401, then 429)
    ("HTTP001", "scenarios/auth-failure-spike.yaml", "# Should return 429 after", "# Should return 403 after"),
    # an endpoint no drill probes: the statuses its own help states; named through the templates' `ep`
    ("HTTP001", "scenarios/database-down.yaml", "{{ ep.readiness }}` returns 503", "{{ ep.liveness }}` returns 503"),
    ("HTTP001", "procedures/rollback.yaml", "`{{ ep.readiness }}` answers 200.", "`{{ ep['liveness'] }}` answers 204."),
    # SEV009: a level a text calls a condition is the level the ladder lists it under
    ("SEV009", "decisions.yaml", "It is a SEV-2 condition", "It is a SEV-1 condition"),  # set 12 M44 (spent)
    ("SEV009", "search.yaml", "Slow queries are a SEV-3 signal.", "Slow queries are a SEV-2 signal."),
    ("SEV009", "search.yaml", "(slow queries are SEV-3)", "(slow queries are SEV-1)"),
    ("SEV009", "search.yaml", "Slow queries are a SEV-3 signal.", "Slow queries are a HIGH signal."),
    ("SEV009", "decisions.yaml", "It is a SEV-2 condition", "AI service down is a SEV-3 condition"),
    ("SEV009", "search.yaml", "is a compliance violation, SEV-1;", "is a compliance violation, SEV-2;"),  # apposed
    ("SEV009", "search.yaml", "past SEV-1's threshold", "past SEV-2's threshold"),  # the level's threshold of it
    ("SEV009", "search.yaml", "(slow queries are SEV-3)", "(slow queries (SEV-2))"),  # in brackets after it
    # PM004: a number one section states for what another changes from → to
    ("PM004", "incident.yaml", "set to 10 connections", "set to 50 connections"),  # set 12 M43 (spent)
    ("PM004", "incident.yaml", "set to 10 connections", "set to 25 connections"),
    ("PM004", "incident.yaml", "connection pool from 10 to 50", "connection pool from 20 to 50"),
    # the same text, another of its lines
    ("PM004", "incident.yaml", "2. Fixed rate limit middleware bug", "2. The pool was 20 connections. Fixed the bug"),
]

NEAR_MISSES = [
    ("HTTP001", "catalog.yaml", "Process is up (200)", "Process is up (200 within 1 s)"),  # no drill probes liveness
    ("HTTP001", "procedures/rollback.yaml", "answers 200 once", "answers 200 within 500 ms once"),  # 500 is a span
    # liveness answers 200, as its help states
    ("HTTP001", "procedures/rollback.yaml", "`{{ ep.readiness }}` answers 200.", "`{{ ep.liveness }}` answers 200."),
    ("HTTP001", "scenarios/auth-failure-spike.yaml", "# Should return 429 after", "# Should return 401 then 429 after"),
    ("SEV009", "decisions.yaml", "It is a SEV-2 condition", "It is one SEV-2 condition"),  # no level said of it
    ("SEV009", "search.yaml", "Slow queries are a SEV-3 signal.", "Slow queries are a SEV-3 signal (never SEV-2)."),
    ("SEV009", "decisions.yaml", "It is a SEV-2 condition", "SEV-1 is a separate matter. It is a SEV-2 condition"),
    # a decision's seed quotes the seed playbook, whose contradictions it records
    ("SEV009", "decisions.yaml", 'SEV-2 lists "AI service down"', 'SEV-2 lists "AI service down" (a SEV-1 condition)'),
    ("PM004", "incident.yaml", "set to 10 connections", "set to 10 connections (peak needed 40)"),
    ("PM004", "incident.yaml", "During peak traffic (100 req/s)", "During peak traffic (300 req/s)"),
    ("PM004", "incident.yaml", "connection pool from 10 to 50", "connection pool from 10 to 80"),  # said once
]


def _lines(path, text: str) -> set[int]:
    return {n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line}


def test_the_real_data_passes(catalog):
    assert [p.format() for p in check(catalog, RULES)] == []


@pytest.mark.parametrize(("rule", "file", "old", "new"), FAULTS, ids=[f"{f[0]}-{i}" for i, f in enumerate(FAULTS)])
def test_a_contradicted_witness_is_found_at_the_edited_line(data_copy, rule, file, old, new):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), RULES)
    assert {p.rule for p in found} == {rule}, [p.format() for p in found]
    lines = _lines(data_copy / file, new)
    assert any(p.file == f"data/{file}" and p.line in lines for p in found), [p.format() for p in found]


@pytest.mark.parametrize(
    ("rule", "file", "old", "new"), NEAR_MISSES, ids=[f"near-{n}" for n, _ in enumerate(NEAR_MISSES)]
)
def test_a_witness_that_agrees_or_says_nothing_passes(data_copy, rule, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), RULES)] == []


def test_a_resolve_sla_below_a_decided_escalation_is_found_at_the_sla(data_copy):
    # set 12 M41 (spent): D-cto-scope settled the CTO's after: 2h (its fingerprint still matches): the SLA moved
    edit(data_copy / "severities.yaml", "    resolve: 4h\n", "    resolve: 2h\n")
    found = check(load_catalog(data_copy), ["ESC003"])
    assert [(p.file, p.line) for p in found] == [("data/severities.yaml", 65)], [p.format() for p in found]


def test_an_escalation_moved_past_the_resolve_sla_is_found_at_its_after(data_copy):
    edit(data_copy / "oncall.yaml", "    after: 2h\n", "    after: 5h\n")
    found = check(load_catalog(data_copy), ["ESC003"])
    assert [p.file for p in found] == ["data/oncall.yaml"], [p.format() for p in found]
    assert found[0].line in _lines(data_copy / "oncall.yaml", "after: 5h")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("secondary: cto,", "secondary: security-lead,"),  # set 12 M40 (spent)
        ("secondary: cto,", "secondary: backend-team,"),
    ],
)
def test_a_matrix_owner_a_route_tests_why_names_is_found_at_the_row(data_copy, old, new):
    # the CTO joins SEV-1 by the escalation path only at 2h: at 0m only the breach row's secondary brings them in
    edit(data_copy / "matrix.yaml", old, new)
    found = check(load_catalog(data_copy), ["ROUTE002"])
    assert [(p.file, p.line) for p in found] == [("data/matrix.yaml", 10)], [p.format() for p in found]
