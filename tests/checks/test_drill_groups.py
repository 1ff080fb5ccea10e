"""TOOL018: a drill's first_match regex whose first group cannot be the value it expects (the fault's IP) is an
error at the regex's line; groups that can capture it pass, whatever their form."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.drill_groups import cannot_capture, first_group
from playbook.data.load import load_catalog
from playbook.site.checking import check

AUTH = "scenarios/auth-failure-spike.yaml"
GROUP = "[0-9]+ (\\S+)$'"


@pytest.mark.parametrize("new", ["[0-9]+ (\\s+)$'", "[0-9]+ (\\d+)$'", "[0-9]+ ([0-9]+)$'", "[0-9]+ \\S+$'"])
def test_a_group_that_cannot_capture_the_value_is_found_at_the_regex(data_copy, new):
    edit(data_copy / AUTH, GROUP, new)
    found = check(load_catalog(data_copy), ["TOOL018"])
    assert [(p.file, p.line) for p in found] == [(f"data/{AUTH}", line_of(data_copy / AUTH, new))], found


@pytest.mark.parametrize("new", ["[0-9]+ ([0-9.]+)$'", "[0-9]+ (?P<ip>\\S+)$'", "[0-9]+ (\\d+(?:\\.\\d+){3})$'"])
def test_groups_that_capture_it_pass(data_copy, new):
    edit(data_copy / AUTH, GROUP, new)
    assert check(load_catalog(data_copy), ["TOOL018"]) == []


def test_the_first_group_of_a_regex():
    assert first_group(r"^\s*[0-9]+ (\S+)$") == r"\S+"
    assert first_group(r"a(?:b)(c(d))") == "c(d)" and first_group(r"[(]x(y)") == "y" and first_group(r"\(x(y)") == "y"
    assert first_group(r"(?P<ip>\d+)") == r"\d+" and first_group("no group") is None
    assert cannot_capture("(", "x").startswith("the regex does not compile")


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TOOL018"]) == []
