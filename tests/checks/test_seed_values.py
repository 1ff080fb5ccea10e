"""DEC016: a level's clock, threshold or channel, or a rate limit, that the seed gives and no decision fixes holds the
seed's value; changed, it is an error at the field's line; the same value written another way passes."""

from __future__ import annotations

import pytest

from conftest import edit
from fault_tests import assert_only_at, errors

_AUDIT = '{signal: audit_logging_down, op: ">", value: 30,'
_P95 = '{signal: p95_vs_baseline, op: ">", value: 2,'
# (file, old, new, marker: the text of the line the finding must be on); the seed says the old value
FAULTS = [
    ("severities.yaml", "    ack: 5m\n", "    ack: 10m\n", "ack: 10m"),  # "Acknowledge within 5 minutes"
    ("severities.yaml", "    resolve: 24h\n", "    resolve: 2d\n", "resolve: 2d"),  # "resolve within 24 hours"
    ("severities.yaml", _AUDIT, _AUDIT.replace("30", "3"), "signal: audit_logging_down"),  # ">30 min"
    ("severities.yaml", _P95, _P95.replace("2,", "3,"), "signal: p95_vs_baseline"),  # ">2x baseline"
    ("severities.yaml", _P95, _P95.replace('">"', '"<"'), "signal: p95_vs_baseline"),  # the seed's comparison is ">"
    ("severities.yaml", '{signal: avg_query_ms, op: ">", value: 500,', '{signal: avg_query_ms, op: ">", value: 50,',
     "signal: avg_query_ms"),  # ">500ms avg"
    # set 24's M38: "Post hourly updates to #incidents" sent to the incident's own channel
    ("severities.yaml", "      - {kind: post_updates, channel: incidents}\n    ack: 5m",
     "      - {kind: post_updates, channel: incident-channel}\n    ack: 5m", "post_updates, channel: incident-channel"),
    ("catalog.yaml", "{id: AUTH, requests: 5, window: 60s}", "{id: AUTH, requests: 5, window: 60m}", "id: AUTH"),
    ("catalog.yaml", "{id: WRITE, requests: 30, window: 60s}", "{id: WRITE, requests: 300, window: 60s}",
     "id: WRITE"),
    # set 26's M39 and M41: "**Shift:** 7 days rotation", and the seed's own "Last Updated" date
    ("oncall.yaml", "  rotation: 7d\n", "  rotation: 14d\n", "rotation: 14d"),
    ("meta.yaml", "seed_last_updated: 2026-01-14", "seed_last_updated: 2026-01-24", "seed_last_updated"),
]  # fmt: skip

NEAR_MISSES = [
    ("severities.yaml", "    ack: 5m\n", "    ack: 300s\n"),  # the same time, written in seconds
    ("oncall.yaml", "  rotation: 7d\n", "  rotation: 168h\n"),  # seven days, in hours
    ("catalog.yaml", "{id: READ, requests: 100, window: 60s}", "{id: READ, requests: 100, window: 1m}"),
    # a value a decision fixes is DEC002's: the seed's 80% AI error rate is not this rule's
    ("severities.yaml", 'op: ">", value: 80, wording: AI service down', 'op: ">", value: 85, wording: AI service down'),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS, ids=[f[2].strip()[:40] for f in FAULTS])
def test_a_value_the_seed_gives_changed_is_an_error_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = errors(data_copy, ["DEC016"])
    assert_only_at(found, data_copy, file, marker)
    assert "data/seed/playbook.md:" in found[0].message and "no decision fixes it" in found[0].message


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES, ids=[n[2].strip()[:40] for n in NEAR_MISSES])
def test_the_seed_value_written_another_way_or_decided_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert errors(data_copy, ["DEC016"]) == []


def test_the_data_holds_the_seed_values(data_copy):
    assert errors(data_copy, ["DEC016"]) == []
