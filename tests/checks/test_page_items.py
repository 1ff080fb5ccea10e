"""TXT012: a list's item that the page cuts the list at; TXT013: a number typed into a step title the page numbers;
TXT014: a Grafana variable in a dashboard text that Grafana shows as a title. Each fault at its line; near misses
pass."""

from __future__ import annotations

import pytest

from conftest import ROOT, edit
from fault_tests import assert_only_at, errors
from playbook import project as projects
from playbook.adapters.mkdocs.markdown import text_renderer
from playbook.checks.grafana_titles import replaced
from playbook.checks.page_items import one_item, typed_number
from playbook.site.checking import check

RENDER = text_renderer(projects.at(ROOT))
S = "scenarios/"
STATE = "      - State transition errors → Check state machine logic\n"
CORRUPT = 'title: "If database is corrupted: restore from backup"'
TOKEN = "{text: Token refresh rate, metrics"

# (rule, file, old, new, marker: the text of the line the finding must be on)
FAULTS = [
    # dev-4 M04's kind: a blank line inside an item, here the second one of the list
    (
        "TXT012",
        S + "write-operations-failing.yaml",
        STATE,
        '      - "State transition errors → Check state machine logic\\n\\nSee the state diagram first."\n',
        "See the state diagram first.",
    ),
    # ... in a block scalar: the finding is at the line after the blank one
    (
        "TXT012",
        "incident.yaml",
        '      - "Check logs: see [Log Access](logs.md)"\n',
        "      - |-\n        Check logs: see [Log Access](logs.md)\n\n        Then the dashboard.\n",
        "Then the dashboard.",
    ),
    # dev-4 M06's kind: a scenario step numbered by hand, in other spellings
    ("TXT013", S + "database-down.yaml", CORRUPT, 'title: "Step 5: If database is corrupted"', "Step 5: If"),
    ("TXT013", S + "database-down.yaml", "title: Check disk space", "title: 2) Check disk space", "2) Check"),
    # a declaration step, which the page heads "Step 2: …"
    ("TXT013", "incident.yaml", "title: Assess severity,", 'title: "2. Assess severity",', "2. Assess"),
    # dev-4 M08's kind: Grafana's variables in each of its spellings, in an item and a section's title
    ("TXT014", "dashboard.yaml", TOKEN, '{text: "Token refresh rate (${__interval})", metrics', "${__interval}"),
    ("TXT014", "dashboard.yaml", TOKEN, '{text: "Token refresh rate from `$datasource`", metrics', "$datasource"),
    ("TXT014", "dashboard.yaml", "title: Database", 'title: "Database [[__range]]"', "[[__range]]"),
]

NEAR_MISSES = [
    # an item on two lines of one paragraph; a blank line in a text that is no list's item
    ("TXT012", S + "write-operations-failing.yaml", STATE, '      - "State transition errors\\n→ Check logic"\n'),
    (
        "TXT012",
        "incident.yaml",
        "note: The public status page is planned (future); the message below is the wording to use.",
        'note: "The public status page is planned (future).\\n\\nThe message below is the wording to use."',
    ),
    # numbers that are part of the title's words
    ("TXT013", S + "database-down.yaml", "title: Check disk space", 'title: "5xx on every write: check disk space"'),
    ("TXT013", S + "database-down.yaml", "title: Check disk space", "title: 2FA and disk space"),
    ("TXT013", S + "database-down.yaml", "title: Check disk space", "title: 10 - 20 GB free? Check disk space"),
    # a number typed in a procedure's step, which the page does not number
    ("TXT013", "procedures/rollback.yaml", "counted as Data lost", "counted as Data lost (1. then 2.)"),
    # a `$` before no variable Grafana has: an amount, a shell variable in a code span
    ("TXT014", "dashboard.yaml", TOKEN, '{text: "Token refresh rate ($5 per 1k)", metrics'),
    ("TXT014", "dashboard.yaml", TOKEN, '{text: "Token refresh rate (`$LOG_FILE`)", metrics'),
]


def _found(data, rule: str) -> list:
    return errors(data, [rule], RENDER)


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker"), FAULTS, ids=[f[4] for f in FAULTS])
def test_fault_is_an_error_at_its_line(data_copy, rule, file, old, new, marker):
    edit(data_copy / file, old, new)
    assert_only_at(_found(data_copy, rule), data_copy, file, marker)


@pytest.mark.parametrize(("rule", "file", "old", "new"), NEAR_MISSES, ids=[f[3][:40] for f in NEAR_MISSES])
def test_near_miss_passes(data_copy, rule, file, old, new):
    edit(data_copy / file, old, new)
    assert _found(data_copy, rule) == []


def test_one_item_as_the_page_writes_it():
    assert one_item(RENDER, "Validation errors → Fix **validation** logic")
    assert not one_item(RENDER, "Validation errors\n\n(step 3 below)")


@pytest.mark.parametrize(
    ("title", "number"), [("5. Restore", "5."), ("#3 Restore", "#3"), ("Phase 2 Restore", "Phase 2")]
)
def test_typed_number(title, number):
    assert typed_number(title) == number


@pytest.mark.parametrize("title", ["1.5x slower", "404s on /api", "3 retries fail", "Restore step 5"])
def test_no_typed_number(title):
    assert typed_number(title) == ""


def test_grafana_variable_names():
    assert replaced("rate over $__rate_interval", set()).group(0) == "$__rate_interval"
    assert replaced("from ${datasource:raw}", {"datasource"}).group(0) == "${datasource:raw}"
    assert replaced("costs $5 and $HOME", {"datasource"}) is None


@pytest.mark.parametrize("rule", ["TXT012", "TXT013", "TXT014"])
def test_real_data_passes(catalog, rule):
    assert check(catalog, [rule], render=RENDER) == []
