"""FILE018: a placeholder's default that is an absolute path of one machine; FILE019: a relative `*_file` the
Alertmanager reads; FILE020: a `tuned_to` glob that names no file, or misses the first file of its series. Each at
its line; the real data and the near misses pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.paths import loosened
from playbook.data.load import load_catalog
from playbook.site.checking import check

TUNED = "tuned_to: [tests/fixtures/search_queries.yaml, tests/fixtures/search_dev*.yaml]"
RULES = ["FILE018", "FILE019", "FILE020"]

# (rule, file, old, new, marker: the finding's line holds it)
FAULTS = [
    ("FILE018", "meta.yaml", "default: prisma/dev.db\n", "default: /home/sam/clinical-os/prisma/dev.db\n", "/home/sam"),
    ("FILE018", "meta.yaml", "default: logs.json", "default: ~/Downloads/logs.json", "~/Downloads"),
    ("FILE018", "meta.yaml", "default: logs.json", "default: ${HOME}/logs.json", "${HOME}"),
    ("FILE018", "meta.yaml", "default: logs.json", "default: 'C:\\Users\\sam\\logs.json'", "C:\\Users"),
    ("FILE019", "alerts.yaml", "password_file: /etc/alertmanager/secrets/", "password_file: ./", "password_file"),
    ("FILE019", "alerts.yaml", "_file: /etc/alertmanager/secrets/", "_file: alertmanager/secrets/", "slack_api"),
    ("FILE020", "search.yaml", "search_dev*.yaml", "search_dev_*", "tuned_to:"),
    ("FILE020", "search.yaml", "search_dev*.yaml", "search_dev-*.yaml", "tuned_to:"),  # names no file at all
    ("FILE020", "search.yaml", TUNED, "tuned_to:\n  - tests/fixtures/search_dev_*.yaml", "search_dev_*"),
    # set 25's M67: written from data/, the glob reaches outside the project (read from its root, it names nothing)
    ("FILE020", "search.yaml", "[tests/fixtures/search_queries", "[../tests/fixtures/search_queries", "tuned_to:"),
]


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker"), FAULTS)
def test_a_fault_is_found_at_its_line(data_copy, rule, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), RULES)
    assert [(p.rule, p.file, p.line) for p in found] == [(rule, f"data/{file}", line_of(data_copy / file, marker))], [
        p.format() for p in found
    ]


NEAR_MISSES = [
    ("meta.yaml", "default: prisma/dev.db\n", "default: ./prisma/dev.db\n"),  # relative, spelt otherwise
    ("meta.yaml", "default: dramal/clinical-os", "default: dramal/clinical-os/v2"),  # a scope, not a path
    ("alerts.yaml", "/etc/alertmanager/secrets/smtp-password", "/run/secrets/smtp-password"),  # another host folder
    ("search.yaml", TUNED, TUNED.replace("search_dev*", "search_dev.yaml, tests/fixtures/search_dev_*")),
    ("search.yaml", TUNED, TUNED.replace("search_dev*.yaml", "search_dev_*.yaml, tests/fixtures/search_dev.yaml")),
    ("search.yaml", TUNED, TUNED.replace("search_dev*.yaml", "search_*.yaml")),  # no series misses its first
]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), RULES)] == []


@pytest.mark.parametrize(
    ("pattern", "want"),
    [
        ("a/search_dev_*.yaml", ["a/search_dev*.yaml"]),
        ("a/x-*_y.md", ["a/x*_y.md", "a/x-*y.md"]),
        ("a/search_dev*.yaml", []),
        ("a/b.yaml", []),
    ],
)
def test_the_globs_a_separator_beside_a_wildcard_leaves_out(pattern, want):
    assert loosened(pattern) == want


def test_the_real_data_passes(catalog):
    assert check(catalog, RULES) == []
