"""CAT017: the zone a timestamp's help names (a log field's, a placeholder's meaning) is the one its example value
is written in; local time or a zone with summer time beside a value ending in Z is reported at the help's line."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from conftest import edit, line_of
from playbook.checks.time_zones import said_zone
from playbook.data.load import load_catalog
from playbook.site.checking import check

TS = "{path: timestamp, type: string, required: true, help: ISO-8601 UTC time}"
SINCE = "as an ISO-8601 UTC timestamp"


@pytest.mark.parametrize(
    "new",
    [
        '{path: timestamp, type: string, required: true, help: "ISO-8601, local time of the server"}',
        "{path: timestamp, type: string, required: true, help: ISO-8601 time in America/New_York}",
        "{path: timestamp, type: string, required: true, help: ISO-8601 time (UTC+01:00)}",
    ],
)
def test_a_log_field_help_in_another_zone_is_found_at_its_line(data_copy, new):
    edit(data_copy / "catalog.yaml", TS, new)
    found = check(load_catalog(data_copy), ["CAT017"])
    assert [(p.file, p.line) for p in found] == [("data/catalog.yaml", line_of(data_copy / "catalog.yaml", new))]
    assert "'2026-01-14T10:30:00.000Z' is written in UTC" in found[0].message


def test_a_placeholder_meaning_in_local_time_is_found_at_its_line(data_copy):
    edit(data_copy / "meta.yaml", SINCE, "as an ISO-8601 timestamp in Europe/Paris time")
    found = check(load_catalog(data_copy), ["CAT017"])
    assert [(p.file, p.line) for p in found] == [("data/meta.yaml", line_of(data_copy / "meta.yaml", "Europe/Paris"))]
    assert "placeholder SINCE" in found[0].message


@pytest.mark.parametrize(
    "new",
    [
        "{path: timestamp, type: string, required: true, help: ISO-8601 time in Etc/UTC (Z)}",
        "{path: timestamp, type: string, required: true, help: ISO-8601 time at offset +00:00}",
        "{path: timestamp, type: string, required: true, help: ISO-8601 time}",
    ],
)
def test_helps_in_the_zone_of_the_example_pass(data_copy, new):
    edit(data_copy / "catalog.yaml", TS, new)
    assert check(load_catalog(data_copy), ["CAT017"]) == []


def test_said_zone():
    jan = datetime(2026, 1, 14, tzinfo=UTC)
    assert said_zone("UTC time", jan) == ("UTC", True)
    assert said_zone("time in Europe/London", jan) == ("Europe/London", False)  # +0 in January, +1 in summer
    assert said_zone("Africa/Abidjan", jan) == ("Africa/Abidjan", True)
    assert said_zone("A duration in ms", jan) is None


def test_the_real_data_passes(catalog):
    assert check(catalog, ["CAT017"]) == []
