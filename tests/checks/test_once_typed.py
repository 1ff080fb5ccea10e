"""REF015: a name the data types once (a compound name, a Slack handle or channel, a side file's suffix after
$VAR-) is not one edit from a name it types elsewhere. Each fault at its line; near misses and the real data pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

CONTACTS, ROLLBACK, MATRIX = "contacts.yaml", "procedures/rollback.yaml", "matrix.yaml"

# (file, old, new, marker: the finding's line holds it)
FAULTS = [
    (CONTACTS, 'slack: "@oncall-secondary"}', 'slack: "@oncal-secondary"}', "@oncal-secondary"),  # set 13 M70
    (ROLLBACK, '"$DB_PATH-journal"\n          mv -f', '"$DB_PATH-jounral"\n          mv -f', "-jounral"),  # set 13 M64
    ("oncall.yaml", 'name: "#security-alerts"', 'name: "#security-alrets"', "#security-alrets"),
    (CONTACTS, 'slack: "@security-lead"}', 'slack: "@secuirty-lead"}', "@secuirty-lead"),
    ("oncall.yaml", 'name: "#incidents"', 'name: "#incidnets"', "#incidnets"),  # set 15 M70 (spent): a one-word channel
    ("oncall.yaml", 'name: "#incidents"', 'name: "#incidetns"', "#incidetns"),
]

NEAR_MISSES = [
    (CONTACTS, 'slack: "@oncall-secondary"}', 'slack: "@oncall-backup"}'),  # a new name, far from the others
    (MATRIX, "escalation: [eng-manager]}", "escalation: [eng-manager]}  # Eng-Manager, eng_manager"),  # case, _
    (ROLLBACK, '"$DB_PATH-journal"\n          mv -f', '"$DB_PATH-journal" "$DB_PATH-backup"\n          mv -f'),
    ("oncall.yaml", 'name: "#incidents"', 'name: "#outages"'),  # a new one-word channel, far from the words
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_fault_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = [p for p in check(load_catalog(data_copy), ["REF015"]) if p.line == line_of(data_copy / file, marker)]
    assert [(p.file, p.rule) for p in found] == [(f"data/{file}", "REF015")], [p.format() for p in found]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["REF015"])] == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["REF015"]) == []
