"""A fact stated twice, in prose and in a field, is found at the line the editor changed when the two disagree."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data import quantities as Q
from playbook.data.load import load_catalog
from playbook.site.checking import check

C = "procedures/"
SLOW = "{{ seconds(procedure_param('slow_request')) * 1000 }}"

# (rule, file edited, old, new, marker): the rule, run alone, reports on the edited file's line holding the marker
# (default: the first line of `new`) and nowhere else.
FAULTS = [
    # set 11 M37: the IPs row grouped by user
    (
        "DASH002",
        "dashboard.yaml",
        "{text: Top rate limited IPs, metrics: [ratelimit.hit], by: ip",
        "{text: Top rate limited IPs, metrics: [ratelimit.hit], by: user",
        None,
    ),
    # the status-code row grouped by endpoint; the endpoint row grouped by status class
    (
        "DASH002",
        "dashboard.yaml",
        '(4xx, 5xx)", metrics: [http.errors], by: status_class',
        '(4xx, 5xx)", metrics: [http.errors], by: endpoint',
        None,
    ),
    (
        "DASH002",
        "dashboard.yaml",
        "Breakdown by endpoint, metrics: [http.errors], by: endpoint",
        "Breakdown by endpoint, metrics: [http.errors], by: status_class",
        None,
    ),
    # a breakdown whose by: was dropped: the text still says what it is broken down by
    (
        "DASH002",
        "dashboard.yaml",
        '(auth, read, write, AI)", metrics: [http.requests], by: category}',
        '(auth, read, write, AI)", metrics: [http.requests]}',
        None,
    ),
    # the top count retyped in the text, or in top:
    (
        "DASH002",
        "dashboard.yaml",
        "{text: Top rate limited users, metrics: [ratelimit.hit], by: user, top: 10}",
        "{text: Top 5 rate limited users, metrics: [ratelimit.hit], by: user, top: 10}",
        None,
    ),
    ("DASH002", "dashboard.yaml", "{text: Top 10 rate limited users", "{text: Top 10 rate limited users", None),
    # the count in another spelling: a query's topk(), a word, "the N busiest"
    ("DASH002", "dashboard.yaml", "{text: Top rate limited IPs,", '{text: "Top rate limited IPs (`topk(5)`)",', None),
    ("DASH002", "dashboard.yaml", "{text: Top rate limited users,", "{text: Top five rate limited users,", None),
    ("DASH002", "dashboard.yaml", "{text: Top rate limited IPs,", "{text: The 20 busiest rate limited IPs,", None),
    # set 11 M38: the log field's help in seconds, the saved query in milliseconds
    ("LOG001", "catalog.yaml", "help: Request duration in ms}", "help: Request duration in seconds}", None),
    # a metric's help naming another unit than its unit:
    (
        "LOG001",
        "catalog.yaml",
        'help: "Database query duration (avg, P95, P99)"}',
        'help: "Database query duration in seconds (avg, P95, P99)"}',
        None,
    ),
]
FAULTS += [
    # set 11 M40: a lesson's duration shorter than the timeline gives for its event
    ("PM003", "incident.yaml", "verified within 25 minutes", "verified within 15 minutes", None),
    ("PM003", "incident.yaml", "acknowledged within 5 minutes", "acknowledged within 3 minutes", None),
    # ... or longer than any event of the timeline, in words
    ("PM003", "incident.yaml", "verified within 25 minutes", "verified within forty-five minutes", None),
    ("PM003", "incident.yaml", "verified within 25 minutes", "verified within an hour", None),
    # a timeline row retimed out of order
    ("PM003", "incident.yaml", '- ["10:15", "Root cause', '- ["10:35", "Root cause', None),
]
FAULTS += [
    # set 11 M41: a decision's text typing a span the routing does not have
    (
        "FACT001",
        "decisions.yaml",
        "A SEV-3 never reaches it automatically.",
        "A SEV-3 reaches it after two hours.",
        None,
    ),
    # ... a cadence, a threshold, a wait typed over the quote
    (
        "FACT001",
        "decisions.yaml",
        "SEV-1 updates every {{ cadence('SEV-1') }}.",
        "SEV-1 updates every 30 minutes.",
        None,
    ),
    ("FACT001", "decisions.yaml", "means an AI error rate {{", "means an AI error rate above 50% ({{", None),
    ("FACT001", "decisions.yaml", "waits {{ duration(router.group_wait) }}", "waits 30s", "waits 30s"),
]
FAULTS += [
    # set 11 M44: the boundary said to be the more severe level's, while the operators give it to the milder
    (
        "DEC003",
        "decisions.yaml",
        "a value on a boundary is the milder level's",
        "a value on a boundary is the more severe level's",
        None,
    ),
    ("DEC003", "decisions.yaml", "each range holds its upper bound", "each range holds its lower bound", None),
]
FAULTS += [
    # set 11 M46: the auth alert's failures over the successes alone
    (
        "ALR013",
        "alerts.yaml",
        "per: [{metric: auth.signin.failure}, {metric: auth.signin.success}]",
        "per: [{metric: auth.signin.success}]",
        None,
    ),
    # a whole that is the part itself: always 100%
    (
        "ALR013",
        "alerts.yaml",
        "per: [{metric: ai.generate_note.invocation}]",
        "per: [{metric: ai.generate_note.error}]",
        None,
    ),
    (
        "ALR013",
        "dashboard.yaml",
        "metrics: [ai.generate_note.error, ai.generate_note.invocation], ratio: true",
        "metrics: [ai.generate_note.error, ai.generate_note.error], ratio: true",
        None,
    ),
]
FAULTS += [
    # a help's "by" list against the metric's labels and their values
    (
        "LOG001",
        "catalog.yaml",
        "category (auth, read, write, ai) and status code",
        "category (auth, read, write) and status code",
        "{name: http.requests,",
    ),
    ("LOG001", "catalog.yaml", "ip: any, user: any}", "ip: any}", "{name: ratelimit.hit,"),
    (
        "LOG001",
        "catalog.yaml",
        "status_class: [4xx, 5xx]}",
        "status_class: [4xx, 5xx], method: any}",
        "{name: http.errors,",
    ),
    ("DASH002", "dashboard.yaml", "(auth, read, write, AI)", "(auth, read, write, AI, admin)", None),
]
FAULTS += [
    # a decision's text naming a level the severities it fixes do not hold, or leaving one out
    (
        "DEC004",
        "decisions.yaml",
        "paged when a SEV-1 or SEV-2 incident",
        "paged when a SEV-1, SEV-2 or SEV-3 incident",
        None,
    ),
    (
        "DEC004",
        "decisions.yaml",
        "For SEV-1 (CRITICAL) the engineering manager",
        "For SEV-1 and SEV-2 the engineering manager",
        None,
    ),
    ("DEC004", "decisions.yaml", "paged when a SEV-1 or SEV-2 incident", "paged when a SEV-1 incident", None),
]
S = "scenarios/"
FAULTS += [
    # a unit said three times: the signal's unit:, its id (avg_query_ms) and its metric's unit:
    (
        "LOG001",
        "severities.yaml",
        "id: avg_query_ms\n    name: average database query time\n    unit: ms",
        "id: avg_query_ms\n    name: average database query time\n    unit: min",
        "unit: min",
    ),
    (
        "LOG001",
        "catalog.yaml",
        "{name: db.query.duration, type: histogram, unit: ms",
        "{name: db.query.duration, type: histogram, unit: s",
        None,
    ),
    # a command taking another count than the comment above it says: at the command, or at the comment when the
    # command takes what the data's other commands of its kind take
    (
        "RUN009",
        S + "write-operations-failing.yaml",
        "limit(20; inputs | select(.level",
        "limit(50; inputs | select(.level",
        None,
    ),
    (
        "RUN009",
        S + "auth-failure-spike.yaml",
        "# Find failed auth attempts (the first 20)",
        "# Find failed auth attempts (the first 10)",
        None,
    ),
]
FAULTS = [f for f in FAULTS if f[2] != f[3]]


def _lines(path, marker: str) -> set[int]:
    text = path.read_text(encoding="utf-8")
    out, start = set(), text.find(marker)
    while start >= 0:
        out.add(text[:start].count("\n") + 1)
        start = text.find(marker, start + 1)
    return out


@pytest.mark.parametrize(
    ("rule", "file", "old", "new", "marker"), FAULTS, ids=[f"{f[0]}-{n}" for n, f in enumerate(FAULTS)]
)
def test_restated_fact_is_found_at_the_edited_line(data_copy, catalog, rule, file, old, new, marker):
    assert check(catalog, [rule]) == []  # the real data passes
    edit(data_copy / file, old, new)
    found = {(p.file, p.line) for p in check(load_catalog(data_copy), [rule]) if p.level == "error"}
    want = marker or new.strip().splitlines()[0]
    here = {(f"data/{file}", n) for n in _lines(data_copy / file, want)}
    assert here and found and found <= here, (sorted(found), sorted(here))


@pytest.mark.parametrize(
    ("rule", "file", "old", "new"),
    [
        # a row that names its own label, in another form ("IP addresses", "per IP")
        ("DASH002", "dashboard.yaml", "{text: Top rate limited IPs,", "{text: Top 10 rate limited IP addresses,"),
        ("DASH002", "dashboard.yaml", "{text: Top rate limited IPs,", "{text: Rate limit hits per IP,"),
        # the values listed in another order and case
        ("DASH002", "dashboard.yaml", "(auth, read, write, AI)", "(AI, auth, read and write)"),
        ("LOG001", "catalog.yaml", "category (auth, read, write, ai) and", "category (ai, auth, read, write) and"),
        # a row's text that names no label says nothing against its by:
        ("DASH002", "dashboard.yaml", "{text: Top rate limited IPs,", "{text: Top offenders,"),
        # the count top: shows, in a query's spelling or in words (set 14 M06: a code span Grafana's title drops)
        ("DASH002", "dashboard.yaml", "{text: Top rate limited IPs,", '{text: "Top rate limited IPs (`topk(10)`)",'),
        ("DASH002", "dashboard.yaml", "{text: Top rate limited users,", "{text: Top ten rate limited users,"),
        ("DASH002", "dashboard.yaml", "{text: Top rate limited users,", "{text: Stop 5 rate limited users,"),
        # the help and the query changed together: one fact, said twice
        ("LOG001", "catalog.yaml", "help: Request duration in ms}", "help: Request duration in milliseconds}"),
        # a unit of another dimension is no unit of a duration
        (
            "LOG001",
            "catalog.yaml",
            'help: "Database query duration (avg, P95, P99)"}',
            'help: "Database query duration per query (avg, P95, P99)"}',
        ),
    ],
)
def test_a_restated_fact_that_agrees_passes(data_copy, rule, file, old, new):
    edit(data_copy / file, old, new)
    assert check(load_catalog(data_copy), [rule]) == []


@pytest.mark.parametrize(
    "new",
    [
        "A SEV-3 reaches it only when the CTO is paged after {{ duration(escalation('cto').after) }}.",  # quoted
        "A SEV-3 never reaches it; two of the three levels do.",  # a count, not a value of the data
    ],
)
def test_a_decision_that_quotes_its_values_passes(data_copy, new):
    edit(data_copy / "decisions.yaml", "A SEV-3 never reaches it automatically.", new)
    assert check(load_catalog(data_copy), ["FACT001"]) == []


def test_a_boundary_said_of_its_own_ladder_passes(data_copy):
    """DEC003's near miss: users affected is ">= 5" for SEV-2 and "< 5" for SEV-3: there the boundary is SEV-2's."""
    old = "SEV-2 {{ condition('SEV-2', 'users_affected') }}."
    edit(data_copy / "decisions.yaml", old, old[:-1] + ", so its boundary is the more severe level's.")
    assert check(load_catalog(data_copy), ["DEC003"]) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # the part and the rest, in another order; the total, with the part's label
        (
            "per: [{metric: auth.signin.failure}, {metric: auth.signin.success}]",
            "per: [{metric: auth.signin.success}, {metric: auth.signin.failure}]",
        ),
        ("per: [{metric: ai.generate_note.invocation}]", "per: [{metric: http.requests, match: {category: ai}}]"),
    ],
)
def test_a_share_over_its_whole_passes(data_copy, old, new):
    edit(data_copy / "alerts.yaml", old, new)
    assert check(load_catalog(data_copy), ["ALR013"]) == []


def test_a_decision_naming_its_levels_in_another_order_passes(data_copy):
    edit(data_copy / "decisions.yaml", "paged when a SEV-1 or SEV-2 incident", "paged when a SEV-2 or a SEV-1 incident")
    assert check(load_catalog(data_copy), ["DEC004"]) == []


def test_a_comment_and_its_command_changed_together_pass(data_copy):
    path = data_copy / "scenarios" / "auth-failure-spike.yaml"
    edit(path, "(the first 20)", "(the first 50)")
    edit(path, "limit(20; inputs | select(.message", "limit(50; inputs | select(.message")
    assert check(load_catalog(data_copy), ["RUN009"]) == []


def test_a_timeline_row_retimed_is_found_at_the_row(data_copy):
    """The fix deployed 30 minutes in, the lesson still saying 25, the time of the event after it: the row moved."""
    edit(data_copy / "incident.yaml", '- ["10:20", "Fix deployed', '- ["10:30", "Fix deployed')
    found = {p.line for p in check(load_catalog(data_copy), ["PM003"])}
    path = data_copy / "incident.yaml"
    assert found == _lines(path, '- ["10:30", "Fix deployed'), found


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("verified within 25 minutes", "verified within 30 minutes of the alert"),  # from an event of its own
        ("acknowledged within 5 minutes", "acknowledged within five minutes"),  # the same span in words
        ('- ["10:25", Incident resolved]', '- ["10:25", Incident resolved]\n          - ["10:40", Monitoring ended]'),
    ],
)
def test_a_lesson_its_timeline_gives_passes(data_copy, old, new):
    edit(data_copy / "incident.yaml", old, new)
    assert check(load_catalog(data_copy), ["PM003"]) == []


def test_the_help_and_the_query_changed_together_pass(data_copy):
    edit(data_copy / "catalog.yaml", "help: Request duration in ms}", "help: Request duration in seconds}")
    edit(data_copy / (C + "log-access.yaml"), SLOW, "{{ seconds(procedure_param('slow_request')) }}")
    assert check(load_catalog(data_copy), ["LOG001"]) == []


def test_a_query_retyped_alone_is_found_at_the_query(data_copy):
    """Two queries read the field in ms and the help says ms: the one edited to seconds is the odd one out."""
    path = data_copy / (C + "log-access.yaml")
    text = path.read_text(encoding="utf-8")
    title = next(x for x in text.splitlines() if "Find slow requests" in x)
    query = next(x for x in text.splitlines() if SLOW in x)
    slow_s = query.replace(SLOW, "{{ seconds(procedure_param('slow_request')) }}")
    edit(path, query, query + "\n" + title.replace("Find slow", "Find very slow") + "\n" + slow_s)
    found = check(load_catalog(data_copy), ["LOG001"])
    assert found and {p.file for p in found} == {"data/procedures/log-access.yaml"}, [p.format() for p in found]


def test_the_grammar_reads_units_spans_and_clock_times():
    assert Q.stated_unit("Request duration in ms") == ("ms", ("time", 1e-3))
    assert Q.stated_unit("Uptime (seconds)")[0] == "seconds"
    assert Q.stated_unit("Requests served, by endpoint") is None
    assert [s for s, _ in Q.spans("within 25 minutes, after two hours, a 1-minute wait")] == [1500, 7200, 60]
    assert Q.clock("10:05") == 605 and Q.clock("10:5") is None and Q.clock("about 10:05") is None
