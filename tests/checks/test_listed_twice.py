"""A list of ids, names or values names no item twice (REF025): each fault is found at the repeat's line, each near
miss passes, and the real data passes."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

# (file, old, new, marker: the text of the line the repeat is on)
FAULTS = [
    # a route test that meant the secondary writes the manager a second time
    (
        "routes.yaml",
        "expect: [oncall-primary, eng-manager, oncall-secondary],",
        "expect: [oncall-primary, eng-manager, eng-manager],",
        "eng-manager, eng-manager]",
    ),
    # an escalation level's severities with SEV-2 for SEV-3
    (
        "oncall.yaml",
        'severities: [SEV-1, SEV-2, SEV-3]\n    after: "0m"',
        'severities: [SEV-1, SEV-2, SEV-2]\n    after: "0m"',
        "[SEV-1, SEV-2, SEV-2]",
    ),
    # a panel's metrics, the success counter replaced by a second failure counter
    (
        "dashboard.yaml",
        "metrics: [auth.signin.success, auth.signin.failure]",
        "metrics: [auth.signin.failure, auth.signin.failure]",
        "Signin success/failure rate",
    ),
    # alert grouping by the same label twice
    ("alerts.yaml", "group_by: [alertname, scenario]", "group_by: [scenario, scenario]", "group_by:"),
    # a quantile written twice, with a different spelling of the same number
    ("dashboard.yaml", "quantiles: [0.95, 0.99]", "quantiles: [0.95, 0.950]", "quantiles: [0.95, 0.950]"),
    # a weekday repeated in a block list (its own line)
    (
        "oncall.yaml",
        "weekdays: [monday, tuesday, wednesday, thursday, friday]",
        "weekdays:\n    - monday\n    - tuesday\n    - wednesday\n    - tuesday\n    - friday",
        "    - tuesday\n    - friday",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_repeat_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    text = (data_copy / file).read_text(encoding="utf-8")
    line = text[: text.index(marker)].count("\n") + 1
    found = check(load_catalog(data_copy), ["REF025"])
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line)], [p.format() for p in found]


NEAR_MISSES = [
    # two cells of a table row may hold the same text
    ("incident.yaml", '["10:05", On-call acknowledged incident]', '["10:05", "10:05"]'),
    # the same item in two different lists
    ("oncall.yaml", "severities: [SEV-1]", "severities: [SEV-1]\n    # SEV-1 again below"),
    # items that differ only in case are different items (a label and its value)
    ("catalog.yaml", "category: [auth, read, write, ai]", "category: [auth, read, write, AI, ai]"),
]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["REF025"])] == []


def test_real_data_passes(catalog):
    assert check(catalog, ["REF025"]) == []
