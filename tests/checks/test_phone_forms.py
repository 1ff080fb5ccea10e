"""SEC002 on a number written without its + (a wa.me/, tel:, sms: link, a bare run of digits that is a valid
international number) and SEC007 on a role's phone in a mobile range (a fiction range read by its neighbours)."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

DB = "scenarios/database-down.yaml"
UPDATE = '/incident update "Database restored from backup. Investigating root cause."'


@pytest.mark.parametrize(
    "said",
    [
        "the DBA is on https://wa.me/447700900781 tonight",
        "text sms:12025550168 first",
        "the bridge is 442079460018, ask for the DBA",
    ],
)
def test_a_number_without_its_plus_is_found_at_its_line(data_copy, said):
    edit(data_copy / DB, UPDATE, UPDATE[:-1] + " " + said + '"')
    found = check(load_catalog(data_copy), ["SEC002"])
    line = line_of(data_copy / DB, said)
    assert [(p.file, p.line) for p in found] == [(f"data/{DB}", line)], [p.format() for p in found]


@pytest.mark.parametrize(
    "said",
    [
        "request req_1705228200000_abc123 failed",  # an id glued to its prefix
        "since 1705228200 (epoch seconds)",  # no valid number once read with a +
        "5432100000 rows scanned",  # idem
        "fingerprint sha256:2f88563519f70f32973d",
        "see https://grafana.invalid/d/db?from=1705228200000",
    ],
)
def test_digits_that_are_no_phone_number_pass(data_copy, said):
    edit(data_copy / DB, UPDATE, UPDATE[:-1] + " " + said + '"')
    assert check(load_catalog(data_copy), ["SEC002"]) == []


@pytest.mark.parametrize(
    "phone",
    [
        "+44 7700 900456",  # the UK's fiction range, inside the 07700 mobile block
        "+61 491 570 006",  # a mobile
        "+1 202 555 0143",  # a NANP number: fixed line or mobile, who can tell
    ],
)
def test_a_roles_phone_that_is_a_mobile_is_found_at_its_line(data_copy, phone):
    edit(
        data_copy / "contacts.yaml",
        "email: eng-mgr@dramal.com, phone: TBD",
        f'email: eng-mgr@dramal.com, phone: "{phone}"',
    )
    found = check(load_catalog(data_copy), ["SEC007"])
    assert [p.line for p in found] == [line_of(data_copy / "contacts.yaml", phone)]
    assert "eng-manager" in found[0].message


@pytest.mark.parametrize("phone", ["+44 20 7946 0321", "+44 113 496 0000", "+44 800 123 4567"])
def test_a_roles_fixed_or_freephone_line_passes(data_copy, phone):
    edit(
        data_copy / "contacts.yaml",
        "email: eng-mgr@dramal.com, phone: TBD",
        f'email: eng-mgr@dramal.com, phone: "{phone}"',
    )
    assert check(load_catalog(data_copy), ["SEC007"]) == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["SEC002", "SEC007"]) == []


def test_without_a_holiday_calendar_a_number_is_still_read_from_the_contacts_countries(data_copy):
    """public_holidays is optional: with none, SEC002 reads a number without its + by the contacts' countries, and
    finds it, instead of ending `check` on an internal error (found by a helper, 2026-12-07)."""
    edit(data_copy / "incident.yaml", "  public_holidays: {country: US, decision: D-holidays}\n", "")
    edit(data_copy / DB, UPDATE, UPDATE[:-1] + ' text sms:12025550168 first"')
    found = check(load_catalog(data_copy), ["SEC002"])
    assert [(p.file, p.line) for p in found] == [(f"data/{DB}", line_of(data_copy / DB, "sms:12025550168"))], [
        p.format() for p in found
    ]
