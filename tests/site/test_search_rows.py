"""The search's structured answers, from the data: the rows a people question names, the places holding a command."""

from __future__ import annotations

import dataclasses

from playbook.data.durations import seconds
from playbook.data.spelling import normal, words
from playbook.runbooks.destructive import programs, sqlite_statements
from playbook.site.search_rows import app_tables, brought_in, people_rows, places


def test_every_contact_and_incident_type_is_a_row_with_its_anchor_on_the_page(catalog, site):
    rows = people_rows(catalog)
    ids = [r["anchor"] for r in rows]
    assert ids == [x.id for x in (*catalog.contacts.roles, *catalog.contacts.teams, *catalog.matrix.incident_types)]
    for r in rows:
        html = (site / r["page"].replace(".md", ".html")).read_text(encoding="utf-8")
        assert f'<a id="{r["anchor"]}"></a>{r["title"]}' in html.replace("&amp;", "&"), r
    # hand-checked against contacts.yaml and matrix.yaml: a contact row asks for a contact, a matrix row for an
    # owner, and names its incident type through the concept whose runbook has it (auth-failure-spike), or one of
    # whose words is the word of its name no other type's has: Security breach has no runbook, and "breach" is a
    # word of search.yaml's security concept
    by_id = {r["anchor"]: r for r in rows}
    assert by_id["security-lead"]["page"] == "contacts.md" and by_id["security-lead"]["table"] == "contact"
    assert by_id["auth-failures"]["page"] == "matrix.md" and by_id["auth-failures"]["table"] == "owner"
    assert "auth" in by_id["auth-failures"]["via"] and by_id["security-breach"]["via"] == ["security"]


def test_places_hold_the_tools_and_breakdowns_the_data_runs_and_shows(catalog):
    got = {p["find"]: p for p in places(catalog)}
    # write-operations-failing step 4 runs sqlite3 "SELECT status, COUNT(*) FROM ClinicalNote GROUP BY status;"
    step4 = got["scenarios/write-operations-failing.html#4-if-state-transition-errors"]
    # its SQL keywords in capitals: words of English too ("count as sev2"), which name the step only beside
    # another of its tools or typed in capitals
    assert {"sqlite", "COUNT", "GROUP", "SELECT"} <= set(step4["tools"]) and "count" not in step4["tools"]
    # and reads the app's table ClinicalNote (data/app's schema), which the database runbook's "SELECT 1;" does not
    assert "clinicalnote" in step4["tools"] and "ClinicalNote" in app_tables(catalog)
    assert "clinicalnote" not in got["scenarios/database-down.html#1-check-database-connection"]["tools"]
    # the log-access procedure's saved queries, by their titles ("Find slow requests (>1s)")
    queries = got["logs.html#log-queries-common-patterns"]
    assert queries["tools"] == ["jq"] and ["find", "slow", "request", "1s"] in queries["labels"]
    # dashboard.yaml: the Error Rate panel breaks errors down by endpoint and by status class
    assert got["monitoring.html#2-error-rate"]["dims"] == ["endpoint", "status"]
    assert "monitoring.html#1-request-rate" in got and "monitoring.html#5-write-metrics" not in got, "no breakdown"


def test_programs_are_the_commands_a_block_runs():
    code = 'sudo -u app env A=1 /usr/bin/jq . f | sort\nwatch -n 5 "curl -s x | grep ok"\necho done\n'
    assert programs(code) == ["jq", "sort", "watch", "curl", "grep", "echo"]


def test_sqlite_statements_are_the_sql_given_on_the_command_line():
    code = 'sqlite3 "$DB" "SELECT 1;"\nsqlite3 "$DB" ".restore \'b\'"\n'
    code += "sqlite3 -readonly \"$DB\" 'PRAGMA integrity_check;'\n"
    assert sqlite_statements(code) == ["SELECT 1;", "PRAGMA integrity_check;"]


def test_the_people_only_the_matrix_brings_in(catalog):
    """matrix.yaml escalates audit failures to the legal team, a security breach to it and the board; the escalation
    path (oncall.yaml) brings in the primary, the secondary, the engineering manager and the CTO, never them."""
    want = ["oncall.html#escalation-path", "matrix.html", "contacts.html#legal-team", "contacts.html#board"]
    assert brought_in(catalog) == want
    matrix = catalog.matrix.model_copy(deep=True)
    for t in matrix.incident_types:
        t.escalation = ["cto"]  # the escalation path's own
    assert brought_in(dataclasses.replace(catalog, matrix=matrix)) == []


def test_a_step_holds_the_times_its_runbooks_duration_parameters_give(catalog):
    """ai-service-down's params (poll_every, wait_limit): each is said by the step that renders it, in minutes."""
    sc = catalog.scenarios["ai-service-down"]
    got = {p["find"]: p.get("times", []) for p in places(catalog)}
    poll = next(k for k, s in enumerate(sc.steps, 1) if any("watch -n" in b.code for b in s.blocks))
    said = [f for f, t in got.items() if seconds(sc.params["poll_every"]) / 60 in t]
    assert len(said) == 1 and said[0].startswith(f"scenarios/ai-service-down.html#{poll}-")
    assert all(not t for f, t in got.items() if f.startswith("monitoring.html")), "a panel says no parameter"


def test_a_shell_comment_by_x_is_a_breakdown_of_its_step(catalog):
    """log-access's grep block says "# Query logs by endpoint" (and by requestId, userId): those are its dims."""
    got = {p["find"]: p for p in places(catalog)}
    step = next(f for f, p in got.items() if f.startswith("logs.html#") and "grep" in p["tools"])
    assert got[step]["dims"] == ["endpoint", "requestid", "userid"]


def test_a_panel_showing_an_endpoint_is_named_by_it(catalog):
    """dashboard.yaml's System Health items show the health endpoints' paths: the panel is labelled by each."""
    got = {p["find"]: p for p in places(catalog)}
    shown = {
        e.path for e in catalog.data.endpoints for p in catalog.dashboard.panels for i in p.items if e.path in i.text
    }
    assert shown, "the dashboard shows an endpoint"
    labels = [lab for p in got.values() if p["find"].startswith("monitoring.html#") for lab in p.get("labels", [])]
    assert sorted(labels) == sorted(["endpoint", *normal(words(path.replace("/api/", "/")))] for path in shown)


def test_a_step_is_named_by_the_endpoints_its_blocks_call_not_those_its_log_filters_match(catalog):
    """auth-failure-spike's "Check metrics" curls "$BASE_URL{{ ep.metrics }}": it calls the metrics endpoint.
    write-operations-failing's "Check error logs" only matches the notes' path inside a jq filter over the logs: no
    call. The AI provider's models endpoint is external: no path of the app."""
    got = {p["find"]: p for p in places(catalog)}
    metrics = next(e.path for e in catalog.data.endpoints if e.id == "metrics")
    assert got["scenarios/auth-failure-spike.html#1-check-metrics"]["calls"] == [metrics]
    assert "calls" not in got["scenarios/write-operations-failing.html#1-check-error-logs"]
    assert "calls" not in got["scenarios/ai-service-down.html#2-check-ai-service-health"]
