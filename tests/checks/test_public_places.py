"""SEC029: a text that sends something to a public place other than the status page is an error at its line and
column; the status page and the public holidays pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.public_places import public_mentions
from playbook.data.load import load_catalog
from playbook.site.checking import check

CHANNEL = "      - Use incident channel for all communication"

# (file, old, new, marker: the text of the line the finding must be on)
FAULTS = [
    # spent set 21 M24's kind: a user's report pasted into a public issue
    ("severities.yaml", "text: Create ticket in backlog}", 'text: "Create ticket in backlog (a public GitHub issue)"}',
     "a public GitHub issue"),
    # spent set 21 M23's kind: panels of top IPs and users shared as public snapshots
    ("dashboard.yaml", "{name: Grafana, role: Visualization}",
     '{name: Grafana, role: "Visualization (shared with the clinics as public snapshots)"}', "public snapshots"),
    # a channel anyone may join, and an adverb
    ("incident.yaml", CHANNEL, CHANNEL + "\n      - Post the log excerpts publicly in #general", "publicly in"),
]  # fmt: skip

NEAR_MISSES = [
    ("incident.yaml", CHANNEL, CHANNEL + "\n      - Update the public status page once the cause is known"),
    ("incident.yaml", CHANNEL, CHANNEL + "\n      - Post in `#public-status` (see the status page (if public))"),
    ("incident.yaml", CHANNEL, CHANNEL + "\n      - Resolve within 3 business days, public holidays excepted"),
]


def _found(data) -> list:
    return [p for p in check(load_catalog(data), ["SEC029"]) if p.level == "error"]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS, ids=[f[3] for f in FAULTS])
def test_fault_is_an_error_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    (p,) = _found(data_copy)
    assert (p.file, p.line) == (f"data/{file}", line_of(data_copy / file, marker)), p.format()


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES, ids=[n[2][-30:] for n in NEAR_MISSES])
def test_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert _found(data_copy) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("make the repo Public", [14]),
        ("a public-facing dashboard", [2]),
        ("declare.md#step-3-update-status-page-if-public", []),
        ("Update status page (if public)", []),
        ("the public holiday calendar", []),
        ("`gh repo edit --visibility public`", []),  # code: the block's own rules judge it
    ],
)
def test_public_mentions(text, found):
    assert public_mentions(text) == found


def test_real_data_passes(catalog):
    assert check(catalog, ["SEC029"]) == []
