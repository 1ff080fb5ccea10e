"""DASH006: a dashboard row that lists its series with slashes plots exactly the metrics those words name."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

NOTES = "metrics: [write.note.created, write.note.updated, write.note.finalized]"


def test_the_real_dashboard_passes(catalog):
    assert check(catalog, ["DASH006"]) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (NOTES, NOTES.replace("write.note.finalized", "write.note.error")),  # set 25's M38: a sibling swapped in
        ("{text: Signin success/failure rate,", "{text: Signin success/lockout rate,"),  # the words edited instead
    ],
)
def test_a_row_plotting_other_series_than_it_lists_is_an_error_at_it(data_copy, old, new):
    edit(data_copy / "dashboard.yaml", old, new)
    found = check(load_catalog(data_copy), ["DASH006"])
    line = line_of(data_copy / "dashboard.yaml", new)
    assert [(p.rule, p.file, p.line) for p in found] == [("DASH006", "data/dashboard.yaml", line)], found


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("{text: Prescriptions created/issued,", "{text: Prescriptions issued/created,"),  # another order
        ("{text: Signin success/failure rate,", "{text: Signin successes/failures rate,"),  # plurals
    ],
)
def test_the_same_series_said_otherwise_pass(data_copy, old, new):
    edit(data_copy / "dashboard.yaml", old, new)
    assert check(load_catalog(data_copy), ["DASH006"]) == []


@pytest.mark.parametrize(
    ("old", "new", "marker"),
    [
        # set 26's M48: a ratio row titled as a rate per second
        (
            "{text: Rate limit hit rate (%), metrics",
            "{text: Rate limit hit rate (hits per second), metrics",
            "hits per",
        ),
        # a counter's row said in %: no ratio, no metric in %
        ("{text: Token refresh rate, metrics", "{text: Token refresh rate (%), metrics", "Token refresh rate (%)"),
    ],
)
def test_a_row_whose_words_say_another_unit_is_an_error_at_its_text(data_copy, old, new, marker):
    assert check(load_catalog(data_copy), ["DASH007"]) == []  # the real data passes
    edit(data_copy / "dashboard.yaml", old, new)
    found = check(load_catalog(data_copy), ["DASH007"])
    line = line_of(data_copy / "dashboard.yaml", marker)
    assert [(p.rule, p.line) for p in found] == [("DASH007", line)], found


def test_a_ratio_said_as_a_share_passes(data_copy):
    edit(
        data_copy / "dashboard.yaml", "{text: AI error rate, metrics", "{text: AI error rate (share of calls), metrics"
    )
    assert check(load_catalog(data_copy), ["DASH007"]) == []
