"""ALR016: a channel an on-call duty names has a purpose that is the duty's business; the finding is at the duty's
channels: line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

ONCALL = "oncall.yaml"

FAULTS = [
    # set 19 M48's kind: the alerts duty names a channel for reaching the on-call engineers instead of one of alerts
    ("channels: [backend-alerts, security-alerts]", "channels: [on-call, security-alerts]",
     "channels: [on-call, security-alerts]"),
    # a duty given a channel of alerts where it is about the incident report
    ("  - text: Document all actions in incident report\n",
     "  - text: Document all actions in incident report\n    channels: [backend-alerts]\n",
     "channels: [backend-alerts]"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "marker"), FAULTS, ids=[f[2] for f in FAULTS])
def test_alr016_channel_off_the_duty(data_copy, old, new, marker):
    edit(data_copy / ONCALL, old, new)
    found = [p for p in check(load_catalog(data_copy), ["ALR016"]) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {(f"data/{ONCALL}", line_of(data_copy / ONCALL, marker))}, [
        p.format() for p in found
    ]


NEAR_MISSES = [
    # the declared incidents' channel for the duty about incidents, the incident's own channel for its report
    ("  - text: Respond to incidents within the acknowledge SLA of their severity\n",
     "  - text: Respond to incidents within the acknowledge SLA of their severity\n    channels: [incidents]\n"),
    ("  - text: Document all actions in incident report\n",
     "  - text: Document all actions in incident report\n    channels: [incident-channel]\n"),
    ("channels: [backend-alerts, security-alerts]", "channels: [security-alerts]"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new"), NEAR_MISSES)
def test_alr016_fitting_channels_pass(data_copy, old, new):
    edit(data_copy / ONCALL, old, new)
    assert check(load_catalog(data_copy), ["ALR016"]) == []


def test_alr016_real_data_passes(catalog):
    assert check(catalog, ["ALR016"]) == []
