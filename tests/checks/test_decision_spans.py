"""RUN012: a decision rule's branches split each bound's range in two, on the side its decision gives."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

SCENARIO = "scenarios/ai-service-down.yaml"
LIMIT = "{{ duration(scenario_param('wait_limit')) }}"


def test_the_real_decision_rule_splits_its_range(catalog):
    assert check(catalog, ["RUN012"]) == []


def test_a_branch_that_overlaps_its_other_is_an_error_at_it(data_copy):
    """The disable branch turned into "at most" the limit: both branches hold below it, none above."""
    sc = data_copy / SCENARIO
    edit(sc, f"down {LIMIT} or more → Disable", f"down for at most {LIMIT} → Disable")
    found = check(load_catalog(data_copy), ["RUN012"])
    assert [(p.file, p.line) for p in found] == [(f"data/{SCENARIO}", line_of(sc, "at most"))]
    assert "D-ai-wait" in found[0].message


@pytest.mark.parametrize(("below", "above"), [("under", f"at least {LIMIT}"), ("below", f"{LIMIT} or longer")])
def test_the_same_split_in_other_words_passes(data_copy, below, above):
    sc = data_copy / SCENARIO
    edit(sc, f"less than {LIMIT} → Wait", f"{below} {LIMIT} → Wait")
    edit(sc, f"down {LIMIT} or more → Disable", f"down {above} → Disable")
    assert check(load_catalog(data_copy), ["RUN012"]) == []
