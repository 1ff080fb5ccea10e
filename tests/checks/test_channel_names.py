"""TXT015: a Slack channel's name is its id as a channel (#incidents), or unlike it: a name one or two letters from
its id is a misspelling, an error at its line. The id itself, a pattern of names, or another name passes."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.channel_names import near_miss
from playbook.data.load import load_catalog
from playbook.site.checking import check

ONCALL = "oncall.yaml"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('name: "#incidents"', 'name: "#incident"'),  # a letter dropped
        ('name: "#security-alerts"', 'name: "#secuirty-alerts"'),  # two letters swapped
        ('name: "#on-call"', 'name: "#oncall"'),  # the hyphen dropped
    ],
)
def test_a_misspelt_channel_name_is_found_at_its_line(data_copy, old, new):
    edit(data_copy / ONCALL, old, new)
    found = check(load_catalog(data_copy), ["TXT015"])
    assert [(p.file, p.line) for p in found] == [(f"data/{ONCALL}", line_of(data_copy / ONCALL, new))], found
    assert new.split('"')[1] in found[0].message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('name: "#on-call"', 'name: "#oncall-room"'),  # another name: the channel is called so
        ('name: "#incident-[timestamp]"', 'name: "#incident-{timestamp}"'),  # a pattern of names
    ],
)
def test_another_name_passes(data_copy, old, new):
    edit(data_copy / ONCALL, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["TXT015"])] == []


def test_which_names_are_near_misses():
    assert near_miss("incidents", "#incidnets") and near_miss("incidents", "#incident")
    assert not near_miss("incidents", "#incidents") and not near_miss("incidents", " #Incidents")
    assert not near_miss("ops", "#opz")  # a short id: one letter is another word
    assert not near_miss("incident-channel", "#incident-[timestamp]")


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TXT015"]) == []
