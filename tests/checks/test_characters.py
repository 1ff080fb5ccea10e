"""TXT016: a data text holds Latin letters, ASCII digits, punctuation and symbols only (a combining mark, a letter of
another script, another script's digit or another space is refused at its line); the real data and the near misses
(accented Latin letters, typographic punctuation, symbols, emoji) pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.characters import allowed, refused
from playbook.data.load import load_catalog
from playbook.site.checking import check

DASH = "dashboard.yaml"
LOGS = "procedures/log-access.yaml"
DATADOG = "{name: Datadog, role: All-in-one monitoring}"

# (file, old, new, marker: the finding's line holds it)
FAULTS = [
    # set 19 M10's kind: strikethrough faked with a combining long stroke (U+0336), here a short one (U+0335)
    (DASH, DATADOG, "{name: D\u0335a\u0335t\u0335a\u0335dog, role: All-in-one monitoring}", "role: All-in-one"),
    # a Cyrillic a in a role that looks Latin
    (DASH, DATADOG, "{name: Datadog, role: \u0430ll-in-one monitoring}", "ll-in-one monitoring"),
    # an accent typed apart (e and U+0301), in a title
    (LOGS, "title: Vercel Dashboard (current deployment)", "title: Vercel Dashboard (de\u0301ploiement)", "ploiement"),
    # an ideographic space and a fullwidth digit of another script's kind (Arabic-Indic three)
    (DASH, DATADOG, "{name: Datadog, role: All-in-one\u3000monitoring}", "All-in-one"),
    (DASH, DATADOG, "{name: Datadog, role: All-in-\u0663 monitoring}", "All-in-"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_refused_character_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["TXT016"])
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker))], [
        p.format() for p in found
    ]


NEAR_MISSES = [
    (DASH, DATADOG, '{name: Datadog, role: "All-in-one monitoring \u2013 caf\u00e9, na\u00efve, Stra\u00dfe"}'),
    (DASH, DATADOG, "{name: Datadog, role: \u201cAll-in-one\u201d monitoring \u2192 \u2705 \u26a0\ufe0f \u2026}"),
    (DASH, DATADOG, '{name: Datadog, role: "All-in-one monitoring, \u00a35 \u20ac5 \u00b15%"}'),
]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["TXT016"])] == []


def test_the_kinds_allowed():
    assert refused("plain ASCII, 100%") == -1
    assert refused("D\u0336a") == 1
    assert refused("\u2705\ufe0f ok") == -1
    assert refused("a\ufe0f") == 1  # a presentation selector after a letter is no emoji's
    assert not allowed("\u0391")  # Greek capital alpha, an A to the eye
    assert allowed("\u00c5") and allowed("\u2610")
    assert allowed("\u200b")  # TXT005's (an invisible format character): told once, there


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TXT016"]) == []
