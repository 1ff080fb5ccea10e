"""FACT001: a duration, percentage, multiple or count typed into any prose (every string of the data but the fields
declared verbatim by kind) is found at its line, its hint naming the field it copies; the same text in a field
declared verbatim (a quote, an example), and a rendered template, pass."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import DATA_DIR, edit
from playbook.checks.engine import run_checks
from playbook.data.kinds import prose
from playbook.data.load import load_catalog
from playbook.data.markup import strings, text_roots


def test_the_real_data_passes(catalog):
    assert run_checks(catalog, ["FACT001"]) == []


# (file, old, new, marker): the typed fact sits on the marker's line.
FAULTS = [
    # set 8 M50: the dashboard panel's window typed (the metric's window: is 5m)
    (
        "dashboard.yaml",
        "last {{ duration(metric('auth.active_users').window) }}",
        "last 15 minutes",
        "last 15 minutes",
    ),
    # set 8 M46's other half: the search vocabulary stating SEV-2's multiple in words
    ("search.yaml", "past SEV-2's multiple of the baseline", "past twice the baseline", "twice the baseline"),
    ("catalog.yaml", '"Users active in the trailing window"', '"Users active in the last 5m"', "last 5m"),
    ("search.yaml", "Audit logging down past SEV-1's threshold", "Audit logging down over 30%", "over 30%"),
    # the fields deny-by-default covers: a step's text, a symptom, a severity's description, an on-call duty,
    # an escalation trigger, a procedure's intro, an endpoint's help, a route test's why
    ("scenarios/write-operations-failing.yaml", "Roll back if needed", "Wait 10 minutes for the alert", "Wait 10"),
    ("scenarios/database-down.yaml", "text: Write operations failing,", "text: Writes failing for 3m,", "for 3m"),
    ("severities.yaml", "declare: Notify on-call team", "declare: Notify on-call team within 15 minutes", "within 15"),
    ("oncall.yaml", "- text: Monitor alerts", "- text: Monitor alerts every 2 hours", "every 2 hours"),
    ("oncall.yaml", "trigger: The incident persists", "trigger: The incident persists for 2 hours", "persists for"),
    ("procedures/log-access.yaml", "as structured JSON.", "as structured JSON, kept 30 days.", "kept 30 days"),
    ("routes.yaml", "SEV-4 is a ticket; nobody is paged", "SEV-4 is a ticket; nobody is paged for 1d", "for 1d"),
    (
        "scenarios/auth-failure-spike.yaml",
        "Identify the attacking IPs",
        "After 6 attempts, identify the IPs",
        "After 6",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS, ids=[f[1][:20] for f in FAULTS])
def test_a_fact_typed_into_prose_is_found_at_its_line(data_copy, file, old, new, marker):
    path = data_copy / file
    edit(path, old, new)
    line = next(n for n, x in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if marker in x)
    found = {(p.file, p.line) for p in run_checks(load_catalog(data_copy), ["FACT001"])}
    assert found == {(f"data/{file}", line)}


# (file, old, new): a field declared verbatim by kind quotes numbers as they were said or typed
QUOTES = [
    ("incident.yaml", "Chaos is optional.", "Chaos is optional for 5 minutes, twice."),  # the motto: a quote
    ("decisions.yaml", "but no router timings.", "but no router timings, nor a 90s wait."),  # the seed, quoted
    ("catalog.yaml", "60% failure rate", "60% failure rate for 10 minutes"),  # a chat command's example
    ("incident.yaml", "Alert fired within 1 minute", "Alert fired within 3 minutes"),  # the example post-mortem
    # a code span in prose is shown verbatim: an example output, a command
    ("scenarios/auth-failure-spike.yaml", "`100 attempts from 203.0.113.4`", "`7 attempts in 30s from 203.0.113.4`"),
]


@pytest.mark.parametrize(("file", "old", "new"), QUOTES, ids=[q[0] + ":" + q[1][:12] for q in QUOTES])
def test_a_field_declared_verbatim_may_quote_numbers(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    cat = load_catalog(data_copy)
    assert any(new in text for _, model in text_roots(cat) for _, text in strings(model))
    assert run_checks(cat, ["FACT001"]) == []


# (file, old, new, the hint's start): the hint names the field the typed value copies, the runbook's own first
HINTS = [
    (
        "scenarios/database-down.yaml",
        "text: Write operations failing,",
        'text: "Write operations failing: wait 10 minutes for the alert",',
        "render it from its field: {{ duration(alert('Database Slow Queries').for_) }} (10m)",
    ),
    (  # two fields hold 10m: the scenario's own comes first
        "scenarios/ai-service-down.yaml",
        "User workflows continue (AI is optional)",
        "User workflows continue (AI is optional); check again in 10 minutes",
        "render it from its field: {{ duration(runbook('ai-service-down').params.poll_every) }} (10m) or ",
    ),
    (
        "scenarios/auth-failure-spike.yaml",
        "(example output: `100 attempts from 203.0.113.4`)",
        "(retry after 60s from 203.0.113.4)",
        "render it from its field: {{ limits.AUTH.window }} (60s) or {{ limits.WRITE.window }} (60s)",
    ),
    (
        "severities.yaml",
        "declare: Notify on-call team",
        "declare: Notify on-call team within 20 hours",
        "it may mean {{ duration(level('SEV-2').resolve) }} (24h); this file renders no templates",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "hint"), HINTS, ids=[h[0] for h in HINTS])
def test_the_hint_names_the_field_the_value_copies(data_copy, file, old, new, hint):
    edit(data_copy / file, old, new)
    (problem,) = run_checks(load_catalog(data_copy), ["FACT001"])
    assert problem.hint.startswith(hint), problem.hint


# --- any number with a unit inserted into any prose string of the real data: found at its line (hypothesis) -----


@pytest.fixture(scope="module")
def candidates():
    """(file, path, text, raw line) of the real data's prose strings written once, on one line, of their file."""
    cat = load_catalog()
    out = []
    for file, model in text_roots(cat):
        raw = (DATA_DIR.parent / file).read_text(encoding="utf-8")
        for path, text in prose(model):
            if path[-1] != text and text and "\n" not in text and raw.count(text) == 1:
                out.append((file, path, text, raw[: raw.index(text)].count("\n") + 1))
    assert len(out) > 300  # steps, symptoms, duties, triggers, help, search concepts' why …
    return out


FACTS = st.tuples(st.integers(1, 999), st.sampled_from(["minutes", "m", "s", "hours", "days", "%", "x", "requests"]))


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(picks=st.lists(st.integers(0, 10**6), min_size=1, max_size=3), facts=st.lists(FACTS, min_size=3, max_size=3))
def test_a_number_with_a_unit_inserted_into_any_prose_is_found_at_its_line(candidates, tmp_path_factory, picks, facts):
    chosen = {candidates[i % len(candidates)][:3]: candidates[i % len(candidates)][3] for i in picks}
    lines = {(f, line) for (f, _, _), line in chosen.items()}
    assume(len(lines) == len(chosen))  # one insertion per line
    data = tmp_path_factory.mktemp("facts") / "data"
    shutil.copytree(DATA_DIR, data)
    inserted = {}
    for ((file, path, text), _), (n, unit) in zip(chosen.items(), facts, strict=False):
        fact = f" within {n}{'' if unit in ('%', 'x') else ' '}{unit}"
        edit(data.parent / file, text, text + fact)
        inserted[(file, path)] = text + fact
    cat = load_catalog(data)
    got = {(f, p): t for f, model in text_roots(cat) for p, t in prose(model)}
    assume(all(got.get(k) == v for k, v in inserted.items()))  # the edit changed that very string
    found = {(p.file, p.line) for p in run_checks(cat, ["FACT001"])}
    assert found == lines
