"""TOOL016: a log query given a time (`--arg since "$SINCE"`) run on the log format's example record put around that
time: a window cut to the date, the hour or the minute, or one that drops the record at its start, is an error at the
query's line; cuts at the second (as the data's own query, or through fromdateiso8601) and end bounds pass."""

from __future__ import annotations

import shutil

import pytest

from conftest import edit, line_of
from playbook.checks.time_windows import widened
from playbook.data.load import load_catalog
from playbook.site.checking import check

LOGS = "procedures/log-access.yaml"
CUT = ".timestamp[:19] >= $since[:19]"
RECORD = {"timestamp": "2026-01-14T10:30:00.000Z", "level": "error"}
SINCE = {"since": ("--arg", "2026-01-14T10:30:00Z")}


@pytest.mark.parametrize(
    ("new", "what"),
    [
        (".timestamp[:13] >= $since[:13]", "a minute before"),  # the hour alone
        (".timestamp[:16] >= $since[:16]", "a second before"),  # to the minute
        (".timestamp >= $since", "drops the record written at $since"),  # ".000Z" sorts before "Z"
        (".timestamp[:19] > $since[:19]", "drops the record written at $since"),
    ],
)
def test_a_window_not_cut_at_its_time_is_found_at_the_query(data_copy, new, what):
    edit(data_copy / LOGS, CUT, new)
    found = check(load_catalog(data_copy), ["TOOL016"])
    assert [(p.file, p.line) for p in found] == [(f"data/{LOGS}", line_of(data_copy / LOGS, new))], found
    assert what in found[0].message


@pytest.mark.parametrize(
    ("filt", "wrong"),
    [
        (f"select({CUT})", None),
        ('select((.timestamp[:19] + "Z" | fromdateiso8601) >= ($since | fromdateiso8601))', None),
        ("select(.timestamp[:19] < $since[:19])", None),  # an end: the records before it
        ('select(.level == "error")', None),  # the time is not read: no window to judge
        ("select(.timestamp[:10] >= $since[:10])", "keeps a record from an hour before $since"),
        ("select(.timestamp[:10] <= $since[:10])", "keeps a record from an hour after $since"),
    ],
)
def test_windows_run_on_records_around_their_time(filt, wrong):
    got = widened(shutil.which("jq"), filt, SINCE, RECORD)
    assert (got[2] if got else None) == wrong


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TOOL016"]) == []
