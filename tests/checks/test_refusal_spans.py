"""RATE005: a text that says how long a rate limit refuses (a step's text, a safe: reason beside the endpoint it
calls) says the limit's window; another span is reported at the text's line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.refusal_spans import refusal_spans
from playbook.data.load import load_catalog
from playbook.site.checking import check

AUTH = "scenarios/auth-failure-spike.yaml"
STEP = "that IP is then refused sign-in until the window ends"
WHY = "that IP is refused sign-in until the rate-limit window ends"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (STEP, "that IP is then locked out for 15 minutes"),
        (WHY, "that IP is refused sign-in for an hour"),
        (STEP, "that IP is then rate-limited for another 5 minutes"),
    ],
)
def test_a_refusal_longer_than_the_window_is_found_at_its_line(data_copy, old, new):
    edit(data_copy / AUTH, old, new)
    found = check(load_catalog(data_copy), ["RATE005"])
    assert [(p.file, p.line) for p in found] == [(f"data/{AUTH}", line_of(data_copy / AUTH, new))], found
    assert "AUTH 60s" in found[0].message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (STEP, "that IP is then refused sign-in for the next minute"),
        (WHY, "that IP is refused sign-in for 60 seconds"),
        (STEP, "that IP is then refused sign-in (for the window)"),
    ],
)
def test_the_window_passes(data_copy, old, new):
    edit(data_copy / AUTH, old, new)
    assert check(load_catalog(data_copy), ["RATE005"]) == []


def test_refusal_spans():
    assert [s for s, *_ in refusal_spans("refused sign-in for the next hour; blocked for 2 minutes")] == [3600, 120]
    assert refusal_spans("the block stays for an hour") == []  # no refusal said
    assert refusal_spans("refused. Wait for an hour") == []  # another sentence


def test_the_real_data_passes(catalog):
    assert check(catalog, ["RATE005"]) == []
