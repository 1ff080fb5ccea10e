"""FILE016: a value of the data shaped like an IPv4 address (a drill's attacking IP, an example in a step's text)
is one Python's `ipaddress` reads (an octet above 255, a leading zero: an error at its line); SEC030: none is global."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.addresses import bad_addresses
from playbook.data.load import load_catalog
from playbook.site.checking import check

AUTH = "scenarios/auth-failure-spike.yaml"

FAULTS = [
    (AUTH, "ip: 203.0.113.7\n", "ip: 203.0.113.700\n", "ip: 203.0.113.700"),  # set 16's M67
    (AUTH, "attempts from 203.0.113.4", "attempts from 203.0.113.256", "203.0.113.256"),  # in a step's text
]

NEAR_MISSES = [
    (AUTH, "ip: 203.0.113.7\n", "ip: 198.51.100.255\n"),
    (AUTH, "attempts from 203.0.113.4", "attempts from 203.0.113.4.5"),  # five numbers: no address's shape
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


# SEC030: a global address (someone's connection) where a documentation, private or loopback one is meant
GLOBAL = [
    # spent set 21 M13's kind: a client address copied from a real log line into the example record
    ("catalog.yaml", "statusCode: 500, duration: 1250}", "statusCode: 500, duration: 1250, ip: 86.151.23.44}",
     "86.151.23.44"),
    # the seed's own example output, as it was
    (AUTH, "attempts from 203.0.113.4", "attempts from 1.2.3.4", "1.2.3.4"),
    # a drill's attacker
    (AUTH, "ip: 203.0.113.7\n", "ip: 8.8.8.8\n", "ip: 8.8.8.8"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "marker"), GLOBAL, ids=[g[3] for g in GLOBAL])
def test_a_global_address_is_an_error_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["SEC030"])
    assert [(p.file, p.line, p.level) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker), "error")]


@pytest.mark.parametrize("address", ["192.0.2.10", "198.51.100.255", "10.1.2.3", "192.168.0.1", "127.0.0.1"])
def test_documentation_private_and_loopback_addresses_pass(data_copy, address):
    edit(data_copy / AUTH, "ip: 203.0.113.7\n", f"ip: {address}\n")
    assert check(load_catalog(data_copy), ["SEC030"]) == []


def test_the_real_data_has_no_global_address(catalog):
    assert check(catalog, ["SEC030"]) == []


def test_what_is_an_address_by_its_shape():
    assert [at for at, _ in bad_addresses("from 10.0.0.1 and 010.0.0.1, v1.2.3.999, 300.1.1.1:80")] == [18, 41]
