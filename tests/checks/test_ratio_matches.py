"""ALR015: a ratio alert's denominator matches the label value its numerator counts (its own match, the value its
metric is named by, the category of the endpoint it matches); found at the alert's per: line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

WRITE_PER = "per: [{metric: http.requests, match: {category: write}}]"
AI_PER = "per: [{metric: ai.generate_note.invocation}]"
DOWN = "metric: {metric: http.errors, match: {status_class: 5xx}}"


@pytest.mark.parametrize(
    ("edits", "new", "counted"),
    [
        # failed writes over AI requests
        ([], "per: [{metric: http.requests, match: {category: ai}}]", "write"),
        # failed AI note generations over sign-in requests: ai.generate_note.error counts the ai category
        ([(AI_PER, "per: [{metric: http.requests, match: {category: auth}}]")], None, "ai"),
        # the errors of the notes endpoint (category write) over read requests
        (
            [(DOWN, "metric: {metric: http.errors, match: {endpoint: notes}}")],
            "per: [{metric: http.requests, match: {category: read}}]",
            "write",
        ),
    ],
)
def test_a_denominator_of_another_label_value_is_found_at_its_per_line(data_copy, edits, new, counted):
    alerts = data_copy / "alerts.yaml"
    for old, changed in edits:
        edit(alerts, old, changed)
        marker = changed
    if new:
        old = WRITE_PER if counted == "write" and not edits else "per: [{metric: http.requests}]"
        edit(alerts, old, new)
        marker = new
    found = check(load_catalog(data_copy), ["ALR015"])
    assert [(p.file, p.line) for p in found] == [("data/alerts.yaml", line_of(alerts, marker))]
    assert f"counts category {counted} but" in found[0].message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # one series of the denominator counts what the numerator does
        (WRITE_PER, "per: [{metric: http.requests, match: {category: write}}, {metric: ratelimit.hit}]"),
        # no match: the denominator counts every category
        (WRITE_PER, "per: [{metric: http.requests}]"),
        # a numerator named by no category (http.errors): nothing to disagree with
        ("per: [{metric: http.requests}]", "per: [{metric: http.requests, match: {category: write}}]"),
    ],
)
def test_denominators_that_agree_pass(data_copy, old, new):
    edit(data_copy / "alerts.yaml", old, new)
    assert check(load_catalog(data_copy), ["ALR015"]) == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["ALR015"]) == []
