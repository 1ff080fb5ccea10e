"""SEC023: a role's e-mail address is its own mailbox; two roles share one only when it is named for both (the
rotation's oncall@), found at the row whose role the mailbox is not named for."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check


@pytest.mark.parametrize(
    ("old", "new", "role"),
    [
        # the engineering manager's row copied from the CTO's: cto@ is the CTO's, not the manager's
        ("email: eng-mgr@dramal.com", "email: cto@dramal.com", "eng-manager"),
        # the security lead given the compliance mailbox (the earlier row is the copied one here)
        ("email: security@dramal.com", "email: compliance@dramal.com", "security-lead"),
        # the CTO given the rotation's mailbox: oncall@ is named for the on-call roles, not for the CTO
        ("email: cto@dramal.com", "email: oncall@dramal.com", "cto"),
    ],
)
def test_a_mailbox_copied_from_another_role_is_found_at_its_row(data_copy, old, new, role):
    edit(data_copy / "contacts.yaml", old, new)
    found = check(load_catalog(data_copy), ["SEC023"])
    line = line_of(data_copy / "contacts.yaml", f"id: {role},")
    assert [(p.file, p.line) for p in found] == [("data/contacts.yaml", line)], [p.format() for p in found]
    assert role in found[0].message


def test_a_mailbox_named_for_neither_role_is_found_at_the_second(data_copy):
    edit(data_copy / "contacts.yaml", "email: cto@dramal.com", "email: leads@dramal.com")
    edit(data_copy / "contacts.yaml", "email: eng-mgr@dramal.com", "email: leads@dramal.com")
    found = check(load_catalog(data_copy), ["SEC023"])
    assert [p.line for p in found] == [line_of(data_copy / "contacts.yaml", "id: eng-manager,")]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("email: eng-mgr@dramal.com", "email: TBD"),  # not known yet: no address at all
        ("email: compliance@dramal.com", "email: TBD"),
    ],
)
def test_unknown_mailboxes_are_no_shared_one(data_copy, old, new):
    edit(data_copy / "contacts.yaml", "email: cto@dramal.com", "email: TBD")
    edit(data_copy / "contacts.yaml", old, new)
    assert check(load_catalog(data_copy), ["SEC023"]) == []


def test_the_real_data_passes(catalog):
    # oncall@ is both on-call roles': the rotation's mailbox, named for both
    assert check(catalog, ["SEC023"]) == []
