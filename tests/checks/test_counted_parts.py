"""RUN017: a runbook's intro that counts its steps, and a step's text that counts its options or parts, say their
number; a count at odds is an error at its line, a right one (in words or figures) passes."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.counted_parts import counts
from playbook.data.load import load_catalog
from playbook.site.checking import check

R = "procedures/rollback.yaml"
INTRO = 'intro: "Three ways back to a known-good state.'
LOGS = 'intro: "Production logs go to the server console (stdout/stderr) as structured JSON."'

FAULTS = [
    # spent set 21 M46's kind: the intro announces two ways over three steps
    (R, INTRO, INTRO.replace("Three", "Two"), "Two ways back"),
    # in figures, in another runbook
    ("procedures/log-access.yaml", LOGS, LOGS.replace("JSON.", "JSON. The 2 steps below read them."), "2 steps"),
]
NEAR_MISSES = [(R, INTRO, INTRO.replace("Three", "3")), (R, INTRO, INTRO.replace("Three ways", "Ways"))]


def _found(data) -> list:
    return [p for p in check(load_catalog(data), ["RUN017"]) if p.level == "error"]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS, ids=[f[3] for f in FAULTS])
def test_a_count_at_odds_with_the_list_is_an_error_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    assert [(p.file, p.line) for p in _found(data_copy)] == [(f"data/{file}", line_of(data_copy / file, marker))]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES, ids=["in figures", "no count"])
def test_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert _found(data_copy) == []


def test_counts_reads_words_and_figures():
    assert [c[:2] for c in counts("Three ways back; the 6 parts; one option; step 2 checks the disk")] == [
        (3, "way"),
        (6, "part"),
        (1, "option"),
    ]


def test_real_data_passes(catalog):
    assert check(catalog, ["RUN017"]) == []
