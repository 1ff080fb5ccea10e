"""Contradictions between two facts are found at the line the editor changed, whichever of the two it was."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

S = "scenarios/"
SEV3_REST = "      - {kind: investigate}\n      - {kind: fix, text: Fix within"
_ESC = "role: eng-manager\n    trigger: The incident is CRITICAL\n    severities: [SEV-1]"

# (rule, file edited, old, new, marker, elsewhere): the rule, run alone, must report on the edited file's line that
# holds the marker (default: the first line of `new`); `elsewhere` ("file::text") is the other end it must also
# name, or None when the rule must report at the edited file only.
FAULTS = [
    # a placeholder renamed where it is declared: the commands still read the old name (REF009 at each use)
    ("REF010", "meta.yaml", "  - name: DB_BACKUP\n", "  - name: DB_BACKUP_FILE\n", None, None),
    # a histogram panel's quantiles retyped, and a panel's text naming percentiles its (default) quantiles do not plot
    (
        "DASH001",
        "dashboard.yaml",
        "mean: true, quantiles: [0.95, 0.99]}",
        "mean: true, quantiles: [0.9, 0.99]}",
        None,
        None,
    ),
    (
        "DASH001",
        "dashboard.yaml",
        '{text: "P50, P95, P99 response times"',
        '{text: "P75, P99 response times"',
        None,
        None,
    ),
    # an alert's scenario marked found by humans (the alert pages before anyone reports it)
    ("ALR003", S + "ai-service-down.yaml", "found_by: alert", "found_by: humans  # the clinicians call", None, None),
    # the slow-query alert's threshold raised past the delay its drill injects: at the threshold and at the fault
    (
        "DRILL002",
        "severities.yaml",
        '{signal: avg_query_ms, op: ">", value: 500,',
        '{signal: avg_query_ms, op: ">", value: 600,',
        None,
        S + "database-down.yaml::delay_ms: 520",
    ),
    # ... and the drill's delay lowered under the threshold: at the fault and at the threshold
    (
        "DRILL002",
        S + "database-down.yaml",
        "delay_ms: 520",
        "delay_ms: 450",
        None,
        "severities.yaml::{signal: avg_query_ms",
    ),
    # a matrix row's secondary replaced: the two AI route tests both blame it, so it is the row, not the tests
    (
        "ROUTE002",
        "matrix.yaml",
        "name: AI failures, primary: ai-team, secondary: backend-team,",
        "name: AI failures, primary: ai-team, secondary: security-team,",
        None,
        None,
    ),
    # SEV-2's acknowledge SLA doubled: one test fails, but the pair a minute apart (14m, 15m) pins the secondary to
    # 15m, two witnesses against the ack
    ("ROUTE002", "severities.yaml", "    ack: 15m\n", "    ack: 30m\n", "ack: 30m", None),
    # the board dropped from the breach row: its one test expects the board, and the test's why names it too
    (
        "ROUTE002",
        "matrix.yaml",
        "escalation: [legal-team, board]}",
        "escalation: [legal-team]}",
        "name: Security breach",
        None,
    ),
    # the AI row's matrix escalation changed to the CTO (set 13's M48): its one test expects the manager, whom the
    # escalation path never brings in for SEV-2, so only the row could: the row, not the test
    (
        "ROUTE002",
        "matrix.yaml",
        "primary: ai-team, secondary: backend-team, escalation: [eng-manager]}",
        "primary: ai-team, secondary: backend-team, escalation: [cto]}",
        None,
        None,
    ),
    # a route test's elapsed shortened before the CTO joins (set 13's M45): it holds at another elapsed time, so
    # ROUTE001 names the elapsed line too, not only the expect line
    (
        "ROUTE001",
        "routes.yaml",
        "{severity: SEV-2, elapsed: 3h, type: ai-failures,",
        "{severity: SEV-2, elapsed: 90m, type: ai-failures,",
        None,
        None,
    ),
    # SEV-3 taken out of the secondary's escalation step (set 23's M39): the route test that expects the secondary
    # fails, and the step that no longer brings them in is named too, at its severities
    (
        "ROUTE001",
        "oncall.yaml",
        "    severities: [SEV-1, SEV-2, SEV-3]\n    after: ack-sla\n",
        "    severities: [SEV-1, SEV-2]\n    after: ack-sla\n",
        None,
        "routes.yaml::{severity: SEV-3, elapsed: 2d, type: write-failures",
    ),
    # SEV-1's acknowledge SLA moved (set 23's M37): the secondary joins at the ack, so the level's ack is named
    # beside the route test that expects them at 5 minutes
    (
        "ROUTE001",
        "severities.yaml",
        "    ack: 5m\n",
        "    ack: 10m\n",
        None,
        "routes.yaml::{severity: SEV-1, elapsed: 5m,",
    ),
    # SEV-1 made to create the standing status channel (set 13's M41): at the action
    (
        "SEV010",
        "severities.yaml",
        "{kind: create_channel, channel: incident-channel}\n      - {kind: page, role: eng-manager",
        "{kind: create_channel, channel: incidents}\n      - {kind: page, role: eng-manager",
        None,
        None,
    ),
    # the per-incident channel's name loses its slot: both levels that create it still agree, so it is the name
    (
        "SEV010",
        "oncall.yaml",
        'name: "#incident-[timestamp]"',
        'name: "#incident-room"',
        None,
        None,
    ),
    # the decision behind the AI limit retyped to set it to 1 (set 13's M46): the option's text and its code's comment
    # still set it to 0, so the decision is the one that moved; and the option's text retyped, against the other two
    (
        "RATE003",
        "decisions.yaml",
        "The snippet for option 3 sets it to 0, as the seed does.",
        "The snippet for option 3 sets it to 1, as the seed does.",
        None,
        None,
    ),
    (
        "RATE003",
        "procedures/disable-ai.yaml",
        "change the AI rate limit to 0:",
        "change the AI rate limit to 5:",
        None,
        None,
    ),
    # the CTO's escalation brought forward: the tests it breaks see the CTO too early, so it is the level's after:
    ("ROUTE002", "oncall.yaml", "    after: 2h\n", "    after: 10m\n", "after: 10m", None),
    # the manager paged at declaration of a SEV-4, whose response pages nobody; its route test fails: the path moved
    ("ESC005", "oncall.yaml", _ESC, _ESC.replace("[SEV-1]", "[SEV-1, SEV-4]"), "[SEV-1, SEV-4]", None),
    # SEV-3's response no longer notifies the primary: the SEV-3 route tests still pass with the primary in, so the
    # path agrees with them and the response moved
    (
        "ESC005",
        "severities.yaml",
        "      - {kind: notify, role: oncall-primary}\n" + SEV3_REST,
        SEV3_REST,
        "    response:\n" + SEV3_REST,
        None,
    ),
    # a yes/no signal that defines a level by its absence, a share above 100% and a negative number of minutes
    (
        "SEV003",
        "severities.yaml",
        "op: is, value: true, wording: Security breach",
        "op: is, value: false, wording: Security breach",
        None,
        None,
    ),
    (
        "SEV003",
        "severities.yaml",
        '{signal: users_affected, op: ">=", value: 5,',
        '{signal: users_affected, op: ">=", value: 105,',
        None,
        None,
    ),
    (
        "SEV003",
        "severities.yaml",
        'op: ">", value: 30, wording: Compliance',
        'op: ">", value: -30, wording: Compliance',
        None,
        None,
    ),
    # an endpoint filed under another category than its rate limit's class, and a POST filed as a read
    ("CAT001", "catalog.yaml", "rate_limit: AUTH, category: auth,", "rate_limit: AUTH, category: ai,", None, None),
    (
        "CAT001",
        "catalog.yaml",
        "path: /api/health/liveness, method: GET,",
        "path: /api/health/liveness, method: POST,",
        None,
        None,
    ),
    # the readiness gauge fed by the liveness probe (set 10's M46): at the probe, not at the alert that measures it
    ("CAT007", "catalog.yaml", "probe: readiness", "probe: liveness", None, None),
    # the log example's user id back in the seed's form (set 10's M43): USER_ID (D-user-id) is user_456
    ("CAT008", "catalog.yaml", "userId: user_456", 'userId: "456"', None, None),
    # the re-enable check expects AI still refused with the flag back on and the provider up (set 10's M44)
    (
        "DRILL007",
        S + "ai-service-down.yaml",
        "{stdout_json_has: {refused: false}}",
        "{stdout_json_has: {refused: true}}",
        None,
        None,
    ),
    # ... and the disable check expects an answer while the flag is off
    (
        "DRILL007",
        S + "ai-service-down.yaml",
        'expect: {stdout_json: "{{ json(flag.refused_response) }}"}',
        "expect: {stdout_json_has: {refused: false}}",
        None,
        None,
    ),
    # the rate-limit test's loop sends three times the limit while its text says twice (set 10's M47)
    (
        "RUN009",
        S + "auth-failure-spike.yaml",
        "for i in {1..{{ limits.AUTH.requests * 2 }}}; do",
        "for i in {1..{{ limits.AUTH.requests * 3 }}}; do",
        None,
        None,
    ),
    # a metric whose help names P50, P95, P99 typed as a gauge
    (
        "CAT002",
        "catalog.yaml",
        "{name: http.request.duration, type: histogram,",
        "{name: http.request.duration, type: gauge,",
        None,
        None,
    ),
    # the first escalation level numbered 0
    ("ESC006", "oncall.yaml", "  - level: 1\n", "  - level: 0\n", None, None),
    # a timeline row retyped earlier than the rows before it: the row, not its neighbours
    ("PM002", "incident.yaml", '["10:20", "Fix deployed', '["10:02", "Fix deployed', '"10:02"', None),
    # a runbook's polling interval and review period of zero
    ("RUN004", S + "ai-service-down.yaml", "  poll_every: 10m\n", "  poll_every: 0m\n", None, None),
    ("RUN004", S + "auth-failure-spike.yaml", "review_every: 90d", "review_every: 0d", None, None),
    # the router grouping by a label no generated alert rule carries
    (
        "ALR012",
        "alerts.yaml",
        "group_by: [alertname, scenario]",
        "group_by: [alertname, scenario, priority]",
        None,
        None,
    ),
    # an abbreviation's long form misspelt: a word on no page and in no concept
    ("SRCH007", "search.yaml", "{short: [svc], long: service}", "{short: [svc], long: servcie}", None, None),
]


def _lines(path, marker: str) -> set[int]:
    """The lines of `path` on which `marker` starts (a marker may span lines: the first one counts)."""
    text = path.read_text(encoding="utf-8")
    out, start = set(), text.find(marker)
    while start >= 0:
        out.add(text[:start].count("\n") + 1)
        start = text.find(marker, start + 1)
    return out


@pytest.mark.parametrize(
    ("rule", "file", "old", "new", "marker", "elsewhere"), FAULTS, ids=[f"{f[0]}-{f[1]}" for f in FAULTS]
)
def test_contradiction_is_found_at_the_edited_line(data_copy, catalog, rule, file, old, new, marker, elsewhere):
    assert check(catalog, [rule]) == []  # the real data passes
    edit(data_copy / file, old, new)
    found = {(p.file, p.line) for p in check(load_catalog(data_copy), [rule]) if p.level == "error"}
    want = marker or new.strip().splitlines()[0]
    here = {(f"data/{file}", n) for n in _lines(data_copy / file, want)}
    assert here and here & found, (sorted(found), sorted(here))
    if elsewhere is None:
        assert {f for f, _ in found} == {f"data/{file}"}, sorted(found)
    else:
        other, _, text = elsewhere.partition("::")
        there = {(f"data/{other}", n) for n in _lines(data_copy / other, text)}
        assert there and there & found, (sorted(found), sorted(there))


ROUTE_TEST_EDITS = [
    # the 14m test edited to expect the secondary: the tests no longer agree on a minute (10m … 14m)
    (
        "{severity: SEV-2, elapsed: 14m, expect: [oncall-primary],",
        "{severity: SEV-2, elapsed: 14m, expect: [oncall-primary, oncall-secondary],",
    ),
    # the 15m test edited to leave the secondary out: nothing pins the time from above any more
    (
        "{severity: SEV-2, elapsed: 15m, expect: [oncall-primary, oncall-secondary],",
        "{severity: SEV-2, elapsed: 15m, expect: [oncall-primary],",
    ),
    # the AI test's elapsed shortened (set 13's M45): the CTO and the manager it expects come at 2h, so the test
    # holds at another time; the why names the CTO, but the row is not to blame
    (
        "{severity: SEV-2, elapsed: 3h, type: ai-failures,",
        "{severity: SEV-2, elapsed: 90m, type: ai-failures,",
    ),
    # the manager added to a SEV-3 test (set 7's M43): the path never brings them in for SEV-3, but the row names them
    # already, so the row did not change
    (
        "expect: [oncall-primary, oncall-secondary, backend-team, database-team]",
        "expect: [oncall-primary, oncall-secondary, backend-team, database-team, eng-manager]",
    ),
    # an acknowledged test made unacknowledged (set 10's M41): the secondary shows up, the test alone is wrong
    (
        "{severity: SEV-1, elapsed: 90m, acknowledged: true, expect:",
        "{severity: SEV-1, elapsed: 90m, expect:",
    ),
    # the board taken out of the breach test's expectation while its why still names it: the test is wrong, not
    # the row (the board is unexpected, not missing)
    (
        "legal-team, board],\n     why: The CTO is the secondary owner of a breach",
        "legal-team],\n     why: The CTO is the secondary owner of a breach",
    ),
]


@pytest.mark.parametrize(("old", "new"), ROUTE_TEST_EDITS)
def test_a_route_test_edited_alone_is_the_tests_not_a_facts(data_copy, old, new):
    """The near misses of ROUTE002's witnesses: one route test edited is named at the test (ROUTE001) only."""
    edit(data_copy / "routes.yaml", old, new)
    found = check(load_catalog(data_copy), ["ROUTE001", "ROUTE002"])
    assert {(p.rule, p.file) for p in found} == {("ROUTE001", "data/routes.yaml")}, [p.format() for p in found]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # a help that names no endpoint says nothing against the probe
        ('help: "1 while the liveness probe answers 200"', 'help: "1 while the process answers"'),
        # a help that names its own endpoint and another one, beside it
        ('"1 while the readiness probe answers 200"', '"1 while the readiness probe (not liveness) answers 200"'),
    ],
)
def test_a_probe_metric_that_names_its_own_endpoint_passes(data_copy, old, new):
    edit(data_copy / "catalog.yaml", old, new)
    assert check(load_catalog(data_copy), ["CAT007"]) == []


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("catalog.yaml", "userId: user_456", "userId: user_789"),  # another user, the same form
        ("catalog.yaml", "requestId: req_1705228200000_abc123", "requestId: req_1705228299999_xyz9"),
        ("meta.yaml", "default: user_456", "default: user_1"),  # the default in the same form
    ],
)
def test_a_log_example_in_the_placeholders_form_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert check(load_catalog(data_copy), ["CAT008"]) == []


def test_a_refused_answer_while_the_provider_may_be_down_passes(data_copy):
    """DRILL007's near miss: with the flag on but the provider not set up again, refused: true may be the answer
    (AI down: the scenario's own step 1 expects it), so only what the drill set itself is weighed."""
    edit(data_copy / (S + "ai-service-down.yaml"), 'before: {flag: "true", provider: up}', 'before: {flag: "true"}')
    edit(
        data_copy / (S + "ai-service-down.yaml"),
        "{stdout_json_has: {refused: false}}",
        "{stdout_json_has: {refused: true}}",
    )
    assert check(load_catalog(data_copy), ["DRILL007"]) == []


def test_a_loop_and_its_text_changed_together_pass(data_copy):
    """RUN009's near miss: the count changed in the text and in the loop alike is one fact, said twice."""
    path = data_copy / (S + "auth-failure-spike.yaml")
    path.write_text(path.read_text(encoding="utf-8").replace("requests * 2 }}", "requests * 3 }}"), encoding="utf-8")
    assert check(load_catalog(data_copy), ["RUN009"]) == []


def test_loop_counts_reads_brace_ranges_and_seq():
    from playbook.checks.stated import loop_counts

    assert loop_counts("for i in {1..10}; do x; done") == [(10, "{1..")]
    assert loop_counts("for i in $(seq 5); do x; done; for j in $(seq 2 4); do y; done") == [(5, "seq "), (3, "seq ")]
    assert loop_counts("echo {a..z} $((1+2))") == []
