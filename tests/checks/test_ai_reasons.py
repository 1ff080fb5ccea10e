"""AI001 at the reason to change: a disable-AI reason quoting another condition of the severity table in place of
the AI-down one is reported at that reason's line, not at `reasons:`."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

AI = "procedures/disable-ai.yaml"
QUOTED = "condition('SEV-2', 'ai_error_rate')"


@pytest.mark.parametrize("other", ["condition('SEV-1', 'error_rate')", "condition('SEV-3', 'error_rate')"])
def test_a_reason_quoting_another_condition_is_found_at_its_line(data_copy, other):
    edit(data_copy / AI, QUOTED, other)
    found = check(load_catalog(data_copy), ["AI001"])
    assert [(p.file, p.line) for p in found] == [(f"data/{AI}", line_of(data_copy / AI, other))], found


def test_a_threshold_dropped_from_every_reason_is_found_at_the_reasons(data_copy):
    # no reason states any condition: the editor must add one, under `reasons:`
    edit(data_copy / AI, f" (AI error rate {{{{ {QUOTED} }}}})", "")
    found = check(load_catalog(data_copy), ["AI001"])
    assert [(p.file, p.line) for p in found] == [(f"data/{AI}", line_of(data_copy / AI, "reasons:"))], found


def test_the_real_data_passes(catalog):
    assert check(catalog, ["AI001"]) == []
