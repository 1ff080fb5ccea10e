"""DASH004: a ratio panel divides the metric the data's ratios divide (an alert's metric over its per:, the metric of
the signal the panel is titled by) by its denominator, not the other way up; found at the panel's metrics line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

AI = "{text: AI error rate, metrics: [ai.generate_note.error, ai.generate_note.invocation], ratio: true}"
SWAPPED = "{text: AI error rate, metrics: [ai.generate_note.invocation, ai.generate_note.error], ratio: true}"
RATE = "{text: Rate limit hit rate (%), metrics: [ratelimit.hit, http.requests], ratio: true}"


@pytest.mark.parametrize(
    ("old", "new", "by"),
    [
        (
            RATE,
            RATE + "\n      - {text: Write failures, metrics: [http.requests, write.*.error], ratio: true}",
            "Write Operation Failure Spike",
        ),
        (
            AI,
            "{text: AI failures (%), metrics: [ai.generate_note.invocation, ai.generate_note.error], ratio: true}",
            "AI Service Down",
        ),
    ],
)
def test_a_ratio_upside_down_from_an_alert_is_found_at_its_line(data_copy, old, new, by):
    edit(data_copy / "dashboard.yaml", old, new)
    found = check(load_catalog(data_copy), ["DASH004"])
    marker = new.splitlines()[-1].strip()
    assert [(p.file, p.line) for p in found] == [("data/dashboard.yaml", line_of(data_copy / "dashboard.yaml", marker))]
    assert f"the alert {by!r}" in found[0].message


def test_a_ratio_upside_down_from_the_signal_it_is_titled_by(data_copy):
    # no alert divides the two counters: the severity signal named "AI error rate" still counts errors
    edit(data_copy / "alerts.yaml", "per: [{metric: ai.generate_note.invocation}]", "per: [{metric: http.requests}]")
    edit(data_copy / "dashboard.yaml", AI, SWAPPED)
    found = check(load_catalog(data_copy), ["DASH004"])
    assert [p.line for p in found] == [line_of(data_copy / "dashboard.yaml", SWAPPED)]
    assert "the signal 'ai_error_rate'" in found[0].message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (RATE, "{text: Requests per rate limit hit, metrics: [http.requests, ratelimit.hit], ratio: true}"),
        (AI, "{text: AI errors, metrics: [ai.generate_note.error, ai.generate_note.invocation], ratio: true}"),
        (AI, "{text: AI error rate, metrics: [ai.generate_note.error, http.requests], ratio: true}"),
    ],
)
def test_ratios_no_data_divides_the_other_way_pass(data_copy, old, new):
    edit(data_copy / "dashboard.yaml", old, new)
    assert check(load_catalog(data_copy), ["DASH004"]) == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["DASH004"]) == []
