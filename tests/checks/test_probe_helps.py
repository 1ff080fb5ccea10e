"""CAT014: a probe gauge's help ties 1 to its probe's success (2xx) and 0 to its failure, with a status its endpoint
answers. Each fault at the metric's line; helps that say the same thing otherwise pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.probe_helps import said_statuses
from playbook.data.load import load_catalog
from playbook.site.checking import check

LIVE = 'help: "1 while the liveness probe answers 200"'

FAULTS = [  # (new help, marker)
    ('help: "0 when the liveness check returns 200"', "0 when the liveness"),  # 0 on a success
    ('help: "1 unless the liveness endpoint answers 200"', "1 unless"),  # 1 on every failure
    ('help: "1 if the liveness probe gets 500"', "gets 500"),  # 1 on a failure
    ('help: "1 while the liveness probe answers 204"', "answers 204"),  # a status its endpoint never answers
]
PASSES = [
    'help: "1 when the liveness probe returns 200, else 0"',
    'help: "0 unless the liveness probe answers 200"',
    'help: "1 while the liveness probe does not fail"',  # no status named
]


def test_the_real_data_passes(catalog):
    assert check(catalog, ["CAT014"]) == []


@pytest.mark.parametrize(("new", "marker"), FAULTS)
def test_a_probe_help_against_its_success_is_found_at_the_metric(data_copy, new, marker):
    edit(data_copy / "catalog.yaml", LIVE, new)
    found = check(load_catalog(data_copy), ["CAT014"])
    want = [("data/catalog.yaml", line_of(data_copy / "catalog.yaml", marker))]
    assert [(p.file, p.line) for p in found] == want, [p.format() for p in found]


@pytest.mark.parametrize("new", PASSES)
def test_a_probe_help_that_ties_1_to_success_passes(data_copy, new):
    edit(data_copy / "catalog.yaml", LIVE, new)
    assert check(load_catalog(data_copy), ["CAT014"]) == []


def test_the_statuses_a_help_ties_to_a_value():
    assert said_statuses("1 while the probe answers 200") == [(1, "200", True)]
    assert said_statuses("1 unless it answers 503; 0 then") == [(1, "503", False)]
    assert said_statuses("1 when it does not answer 200") == [(1, "200", False)]
    assert said_statuses("Requests answered with a 4xx or 5xx status") == []
