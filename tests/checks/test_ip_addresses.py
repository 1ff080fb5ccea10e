"""FILE016: a value of the data shaped like an IPv4 address (a drill's attacking IP, an example in a step's text)
is one Python's `ipaddress` reads: an octet above 255 or a leading zero is an error at its line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.addresses import bad_addresses
from playbook.data.load import load_catalog
from playbook.site.checking import check

AUTH = "scenarios/auth-failure-spike.yaml"

FAULTS = [
    (AUTH, "ip: 203.0.113.7\n", "ip: 203.0.113.700\n", "ip: 203.0.113.700"),  # set 16's M67
    (AUTH, "attempts from 1.2.3.4", "attempts from 1.2.3.256", "1.2.3.256"),  # in a step's text
]

NEAR_MISSES = [
    (AUTH, "ip: 203.0.113.7\n", "ip: 198.51.100.255\n"),
    (AUTH, "attempts from 1.2.3.4", "attempts from 1.2.3.4.5"),  # five numbers: no address's shape
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_an_address_that_is_none_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["FILE016"])
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker))]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_an_address_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["FILE016"])] == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["FILE016"]) == []


def test_what_is_an_address_by_its_shape():
    assert [at for at, _ in bad_addresses("from 10.0.0.1 and 010.0.0.1, v1.2.3.999, 300.1.1.1:80")] == [18, 41]
