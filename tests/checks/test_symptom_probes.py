"""HTTP002: a scenario's symptom tied to an endpoint says the answer its drill's fault probe gets. Each fault at the
symptom's line; the real data and near misses pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

WRITES = "scenarios/write-operations-failing.yaml"
DB = "scenarios/database-down.yaml"
HEALTHY = "{text: Database health check passing, endpoint: readiness}"
RETURNS = '{text: "`{{ ep.readiness }}` returns 503", endpoint: readiness}'

FAULTS = [  # (file, old, new, marker)
    (WRITES, HEALTHY, HEALTHY.replace("passing", "failing"), "check failing"),  # set 15 M47 (spent)
    (WRITES, HEALTHY, HEALTHY.replace("passing", "down"), "check down"),
    (DB, RETURNS, RETURNS.replace("503", "200"), "returns 200"),  # 200 is readiness's answer elsewhere: not HTTP001's
    (DB, RETURNS, RETURNS.replace("returns 503", "is green"), "is green"),
]
NEAR_MISSES = [
    (WRITES, HEALTHY, HEALTHY.replace("passing", "OK")),
    (WRITES, HEALTHY, HEALTHY.replace("passing", "not failing")),  # a negation is not judged
    (DB, RETURNS, RETURNS.replace("returns 503", "returns 503 while the liveness check stays up")),
]


def test_the_real_data_passes(catalog):
    assert check(catalog, ["HTTP002"]) == []


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_symptom_against_its_drill_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["HTTP002"])
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker))], [
        p.format() for p in found
    ]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["HTTP002"])] == []
