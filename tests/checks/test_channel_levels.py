"""CAT018: a channel's purpose that names severity levels (by id, a list, a range, "and above", or a level's name)
names every level whose response in severities.yaml uses the channel; found at the purpose."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

INCIDENTS = "purpose: Status updates for every declared incident}"
PER_INCIDENT = 'purpose: "One channel per incident, created with /incident create"}'


@pytest.mark.parametrize(
    ("old", "new", "left"),
    [
        (INCIDENTS, "purpose: Status updates for SEV-1 and SEV-2 incidents}", "SEV-3"),  # SEV-3 posts there too
        (INCIDENTS, "purpose: Status updates for CRITICAL incidents}", "SEV-2, SEV-3"),  # by the level's name
        (INCIDENTS, "purpose: Updates of SEV-1/2 incidents}", "SEV-3"),
        (PER_INCIDENT, 'purpose: "One channel per SEV-1 incident, created with /incident create"}', "SEV-2"),
    ],
)
def test_a_purpose_naming_too_few_levels_is_found_at_its_line(data_copy, old, new, left):
    edit(data_copy / "oncall.yaml", old, new)
    found = check(load_catalog(data_copy), ["CAT018"])
    assert [(p.file, p.line) for p in found] == [("data/oncall.yaml", line_of(data_copy / "oncall.yaml", new))]
    assert found[0].message.endswith(f"the response of {left} uses it too")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (INCIDENTS, "purpose: Status updates for SEV-1 to SEV-3 incidents}"),
        (INCIDENTS, "purpose: Status updates for SEV-3 and above}"),
        (PER_INCIDENT, 'purpose: "One channel per SEV-1 or SEV-2 incident, created with /incident create"}'),
        ("purpose: Backend alerts}", "purpose: Backend alerts (SEV-2 and non-critical ones)}"),  # no response uses it
    ],
)
def test_purposes_that_name_every_level_using_the_channel_pass(data_copy, old, new):
    edit(data_copy / "oncall.yaml", old, new)
    assert check(load_catalog(data_copy), ["CAT018"]) == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["CAT018"]) == []
