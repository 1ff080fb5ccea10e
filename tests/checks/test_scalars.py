"""FILE012: an unquoted value PyYAML reads as text that another YAML reader types otherwise (`09:00`, `y`, `1e3`,
`0o12`); FILE017: an unquoted value PyYAML types that YAML 1.2 reads otherwise (`0b101`, `036`, `yes`); FILE013: a
replacement character or mojibake in a text. Each at its line; the real data and the near misses pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.scalars import garbled
from playbook.data.load import load_catalog
from playbook.data.scalars import other_reading
from playbook.site.checking import check

EXPORT = "search an export of the"
HEADING = "What We'll Do Differently"

# (rule, file, old, new, marker: the finding's line holds it)
FAULTS = [
    ("FILE012", "oncall.yaml", 'start: "09:00"', "start: 09:00", "start: 09:00"),  # set 12 M55 (spent)
    ("FILE012", "incident.yaml", '["10:05", On-call', "[09:05, On-call", "09:05"),  # a time in a list
    ("FILE012", "search.yaml", '"0", zero,', "0o0, zero,", "0o0"),  # YAML 1.2's octal
    ("FILE012", "search.yaml", '"429", too many', "4e2, too many", "4e2"),  # YAML 1.2's exponent
    ("FILE012", "search.yaml", "{short: [ff], long: feature flag}", "{short: [ff, n], long: feature flag}", "ff, n"),
    ("FILE017", "catalog.yaml", "{id: AUTH, requests: 5,", "{id: AUTH, requests: 0b101,", "id: AUTH"),  # binary
    ("FILE017", "catalog.yaml", "{id: WRITE, requests: 30,", "{id: WRITE, requests: 036,", "id: WRITE"),  # 30, not 36
    ("FILE017", "catalog.yaml", "external: true,", "external: yes,", "openai-models"),  # a YAML 1.1 boolean
    ("FILE013", "incident.yaml", HEADING, "What We\ufffdll Do Differently", "Do Differently"),  # set 12 M58 (spent)
    ("FILE013", "incident.yaml", HEADING, "What We\u00e2\u20ac\u2122ll Do Differently", "Do Differently"),
    ("FILE013", "procedures/log-access.yaml", EXPORT, "search an export \u00e2\u20ac\u201c of the", "search an"),
    ("FILE013", "procedures/log-access.yaml", EXPORT, "search an caf\u00c3\u00a9 export of the", "search an"),
    # a question mark a save through ASCII or Latin-1 wrote for a character: a dash, an apostrophe
    ("FILE013", "incident.yaml", HEADING, "What We?ll Do Differently", "Do Differently"),
    ("FILE013", "procedures/log-access.yaml", EXPORT, "search an export ? of the", "search an"),
]

NEAR_MISSES = [
    ("oncall.yaml", 'start: "09:00"', "start: '09:00'"),
    ("search.yaml", '"0", zero,', "0.0.1, zero, 5xx, sev1, 1x, v1.2,"),
    ("catalog.yaml", "{id: WRITE, requests: 30,", "{id: WRITE, requests: 0x1E,"),  # 30 to every reader
    ("catalog.yaml", "external: true,", "external: True,"),
    ("procedures/log-access.yaml", EXPORT, "search an export \u2014 caf\u00e9, na\u00efve, \u00c7a \u2192 of the"),
    # a question, and a query string in an address, are no lost character
    ("procedures/log-access.yaml", EXPORT, "search an export (which one? ask) of https://x.test/a?b=c the"),
]


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker"), FAULTS)
def test_a_fault_is_found_at_itsline_of(data_copy, rule, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = [p for p in check(load_catalog(data_copy), [rule]) if p.level == "error"]
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker))], [
        p.format() for p in found
    ]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["FILE012", "FILE013", "FILE017"])] == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["FILE012", "FILE013", "FILE017"]) == []  # meta.yaml's unquoted date: a date to all


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("09:00", "540"),
        ("08:30:15", "30615"),
        ("y", "boolean"),
        ("N", "boolean"),
        ("0o17", "15"),
        ("0x1F", "31"),
        ("1e3", "1000"),
        ("1.5E-3", "0.0015"),
        ("2026-1-5", "date"),
    ],
)
def test_what_another_reader_makes_of_a_value(value, words):
    assert words in (other_reading(value) or "")


@pytest.mark.parametrize("value", ["sev1", "5xx", "1.2.3", "-", ".", "yes-no", "09:00 UTC", "n/a", "1e", "x1"])
def test_text_to_every_reader(value):
    assert other_reading(value) is None


@pytest.mark.parametrize(
    ("text", "meant"),
    [("We\u00e2\u20ac\u2122ll", "\u2019"), ("caf\u00c3\u00a9", "\u00e9"), ("\u00c3\u2013", "\u00d6"), ("\ufffd", "")],
)
def test_garbled_text_names_what_was_meant(text, meant):
    found = garbled(text)
    assert found is not None and found[2] == meant


@pytest.mark.parametrize("text", ["caf\u00e9", "na\u00efve \u00c7a", "\u2192 \u2026 \u2013 \u00e9\u00bb x", "Z\u00fc"])
def test_accents_and_typography_are_not_garbled(text):
    assert garbled(text) is None
