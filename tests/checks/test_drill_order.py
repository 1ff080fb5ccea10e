"""A drill walks its runbooks in order, each block once (CAT025): each fault is found at the entry edited, each near
miss passes, and the real data passes."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.checks.drill_order import out_of_order
from playbook.data.load import load_catalog
from playbook.site.checking import check

AI = "scenarios/ai-service-down.yaml"
DB = "scenarios/database-down.yaml"

# (file, old, new, markers: the texts of the lines the findings must be on)
FAULTS = [
    # the disabling step renumbered to the verification step after it: the same step twice (either may be the slip)
    (
        AI,
        '{runbook: disable-ai, step: 1, before: {flag: "false"}}',
        '{runbook: disable-ai, step: 2, before: {flag: "false"}}',
        ['{runbook: disable-ai, step: 2, before: {flag: "false"}}', "      step: 2\n      expect: {stdout_json:"],
    ),
    # the re-enabling block numbered past the one that verifies it
    (
        AI,
        '{runbook: disable-ai, step: 3, block: 1, before: {flag: "true", provider: up}}',
        '{runbook: disable-ai, step: 3, block: 2, before: {flag: "true", provider: up}}',
        ["{runbook: disable-ai, step: 3, block: 2,", "      step: 3\n      block: 2"],
    ),
    # a scenario step renumbered below the one before it
    (AI, "    - step: 5\n      expect: {number_at_least:", "    - step: 1\n      expect: {number_at_least:", []),
]


@pytest.mark.parametrize(("file", "old", "new", "markers"), FAULTS[:2])
def test_order_fault_found_at_the_entry(data_copy, file, old, new, markers):
    edit(data_copy / file, old, new)
    text = (data_copy / file).read_text(encoding="utf-8")
    lines = sorted(text[: text.index(m)].count("\n") + 1 for m in markers)
    found = check(load_catalog(data_copy), ["CAT025"])
    assert sorted((p.file, p.line) for p in found) == [(f"data/{file}", n) for n in lines], [p.format() for p in found]


def test_backward_step_in_a_variant(data_copy):
    # a variant's two rollback blocks written in the wrong order: of two entries, either may be the slip
    edit(
        data_copy / DB,
        "        - runbook: rollback\n          step: 2\n          block: 3",
        "        - runbook: rollback\n          step: 2\n          block: 1",
    )
    found = check(load_catalog(data_copy), ["CAT025"])
    fields = {p.field for p in found if p.file == f"data/{DB}"}
    assert fields == {"drill.variants[0].steps[0].step", "drill.variants[0].steps[1].step"}, [p.format() for p in found]


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        # a followed runbook's entry renamed to another procedure the drill does not follow
        (AI, "{runbook: disable-ai, step: 3, block: 1,", "{runbook: rollback, step: 3, block: 1,"),
        # a variant's entry naming something that is no runbook at all
        (
            DB,
            "        - runbook: rollback\n          step: 2\n          block: 3",
            "        - runbook: severity\n          step: 2\n          block: 3",
        ),
    ],
)
def test_runbook_not_followed(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    text = (data_copy / file).read_text(encoding="utf-8")
    line = text[: text.index(new.strip().split("\n")[0])].count("\n") + 1
    found = [p for p in check(load_catalog(data_copy), ["CAT025"]) if "follow" in p.message]
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line)], [p.format() for p in found]


def test_which_entry_is_out_of_order():
    assert out_of_order([(0, 1, 1), (0, 5, 1), (0, 2, 1), (0, 3, 1)]) == [1]  # 5 is the slip
    assert out_of_order([(0, 1, 1), (0, 2, 1), (0, 0, 1), (0, 3, 1)]) == [2]  # 0 is the slip
    assert out_of_order([(0, 1, 1), None, (1, 1, 1)]) == []  # an entry of a runbook not followed is left alone


NEAR_MISSES = [
    # a step skipped is no disorder (the drill need not run every step)
    (AI, "    - step: 5\n      expect: {number_at_least:", "    - step: 4\n      expect: {number_at_least:"),
    # a later block of the same step
    (
        DB,
        "          step: 2\n          block: 3\n          stop: true",
        "          step: 2\n          block: 4\n          stop: true",
    ),
]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["CAT025"])] == []


def test_real_data_passes(catalog):
    assert check(catalog, ["CAT025"]) == []
