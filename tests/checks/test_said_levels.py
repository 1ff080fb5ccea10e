"""SEV013: a text naming an alert and a level's threshold on a signal names the alert's level; SEV014: a template
rendering a level's field is said of that level. Each finding is at the line of the prose that names the level."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.said_levels import level_condition_claims, level_signal_claims, named_alerts, paired_levels
from playbook.data.load import load_catalog
from playbook.site.checking import check

DEC = "decisions.yaml"

FAULTS = [
    # set 20 M46's kind: the auth alert said to borrow another level's error-rate threshold
    ("SEV013", DEC, "passes the SEV-2 error-rate threshold.", "passes the CRITICAL error rate threshold.",
     "passes the CRITICAL error rate threshold"),
    # a level's threshold on a signal it has no condition on (sweep: SEV-1's multiple of the baseline)
    ("SEV013", "search.yaml", "past SEV-2's multiple of the baseline", "past SEV-3's multiple of the baseline",
     "past SEV-3's multiple"),
    # a level named before a template that renders another level's cadence
    ("SEV014", DEC, "decision: SEV-2 posts updates every {{ cadence('SEV-2') }} and SEV-3 every",
     "decision: SEV-2 posts updates every {{ cadence('SEV-2') }} and SEV-4 every", "and SEV-4 every"),
    # ... another level's resolve SLA, named in the words before it
    ("SEV014", DEC, "That is half the SEV-1 resolve SLA", "That is half the SEV-2 resolve SLA",
     "half the SEV-2 resolve SLA"),
    # ... and a level said after the template ("… for SEV-2")
    ("SEV014", DEC, "({{ duration(level('SEV-1').ack) }} for SEV-1,", "({{ duration(level('SEV-1').ack) }} for SEV-2,",
     "level('SEV-1').ack) }} for SEV-2,"),
    # a seed quoting the ladder under another level: a wording, a signal's name, a comparison turned round
    ("DEC015", DEC, "seed: 'SEV-2 lists \"AI service down\" with", "seed: 'SEV-1 lists \"AI service down\" with",
     "SEV-1 lists"),
    ("DEC015", DEC, "seed: SEV-3 names a high rate limit hit rate", "seed: SEV-4 names a high rate limit hit rate",
     "SEV-4 names a high"),
    ("DEC015", DEC, "SEV-3 is \"<5% of users\"", "SEV-3 is \">5% of users\"", "SEV-3 is \">5% of users"),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker"), FAULTS, ids=[f[4] for f in FAULTS])
def test_level_said_beside_another_levels_value(data_copy, rule, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = [p for p in check(load_catalog(data_copy), [rule]) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {(f"data/{file}", line_of(data_copy / file, marker))}, [
        p.format() for p in found
    ]


def test_real_data_passes(catalog):
    assert check(catalog, ["SEV013", "SEV014", "DEC015"]) == []


@pytest.mark.parametrize(
    "text",
    [
        'SEV-3 is "<5% of users" and SEV-2 is ">20% error rate"',  # the ladder's own conditions
        'SEV-2 is "Partial outage"',  # a wording
        'SEV-3 is "Handle during business hours"',  # no condition at all: its declare, not DEC015's
        "SEV-4 is a ticket",
        'SEV-2 is "<50% error rate"',  # its upper bound
    ],
)
def test_dec015_near_misses(catalog, text):
    assert level_condition_claims(catalog, text) == []


def test_sev013_reads_the_level_the_signal_and_the_alert(catalog):
    text = "The auth alert fires when failed sign-ins pass the SEV-1 error-rate threshold."
    assert level_signal_claims(catalog, text) == [("SEV-1", "error_rate", "SEV-1 error-rate threshold")]
    assert [al.title for al in named_alerts(catalog, text)] == ["Auth Failure Spike"]
    # a threshold said of no alert, or of no signal, claims nothing SEV013 weighs
    assert named_alerts(catalog, "SEV-1 starts past the SEV-1 error-rate threshold.") == []
    assert level_signal_claims(catalog, "The SEV-2 threshold of the auth alert") == []


@pytest.mark.parametrize(
    "line",
    [
        "decision: SEV-2 posts updates every {{ cadence('SEV-2') }} and SEV-3 every {{ cadence('SEV-3') }}.",
        "Updates in {{ cadence('SEV-1') }}.",  # no level named: nothing to pair
        "SEV-3 waits longer than SEV-1. Post every {{ cadence('SEV-1') }}",  # another clause
        "({{ duration(level('SEV-2').ack) }} for SEV-2, {{ duration(level('SEV-3').ack) }} for SEV-3)",
    ],
)
def test_sev014_near_misses(catalog, line):
    assert [p for p in paired_levels(catalog, line) if p[0] != p[1]] == []
