"""SEC016: a role's handle and mailbox name the role (or its declared person); no search word is a given name."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.checks.handles import given_names
from playbook.data.load import load_catalog
from playbook.site.checking import check

ROLE = (
    "{id: security-lead, name: Security Lead, person: TBD, email: security@dramal.com, phone: TBD, "
    'slack: "@security-lead"}'
)


def _found(data, rule="SEC016"):
    return [(p.file, p.line) for p in check(load_catalog(data), [rule])]


@pytest.mark.parametrize(
    ("person", "email", "slack"),
    [
        ("Nadia Petrova", "nadia.petrova@dramal.com", "@nadia.petrova"),  # the declared person's own: allowed
        ("TBD", "security@dramal.com", "@sec-oncall"),  # role words
        ("TBD", "security@dramal.com", "@rose-garden"),  # a given name that is a word of the language: not one
    ],
)
def test_role_handles_and_declared_persons_pass(data_copy, person, email, slack):
    new = ROLE.replace("person: TBD", f"person: {person}").replace("security@dramal.com", email)
    edit(data_copy / "contacts.yaml", ROLE, new.replace('"@security-lead"', f'"{slack}"'))
    assert _found(data_copy) == []


@pytest.mark.parametrize("slack", ["@nadia.petrova", "@priya", "@sec-lead-siobhan", "@mgarcia", "@garcia-sec"])
def test_a_persons_handle_on_a_tbd_role_is_an_error_at_its_line(data_copy, slack):
    edit(data_copy / "contacts.yaml", ROLE, ROLE.replace('"@security-lead"', f'"{slack}"'))
    line = next(n for n, t in enumerate((data_copy / "contacts.yaml").read_text().splitlines(), 1) if slack in t)
    assert _found(data_copy) == [("data/contacts.yaml", line)]


def test_given_names_are_read_from_faker_and_abbreviations_are_none():
    names = given_names()
    assert len(names) > 5000
    assert {"priya", "nadia", "fatima", "svetlana", "tomasz", "ingrid"} <= names
    assert not {"inc", "cmd", "prod", "mgr", "svc", "sec", "eng", "authn", "tmpl"} & names


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("text: If disk is full → Free up space.", "text: If disk is full → ask @siobhan.kelly to free up space."),
        ("text: If disk is full → Free up space.", "text: If disk is full → mail fatima.garcia@dramal.com first."),
    ],
)
def test_a_persons_handle_or_mailbox_in_text_is_an_error_at_its_line(data_copy, old, new):
    sc = data_copy / "scenarios" / "database-down.yaml"
    edit(sc, old, new)
    line = next(n for n, t in enumerate(sc.read_text().splitlines(), 1) if new.split("→")[1] in t)
    assert _found(data_copy) == [("data/scenarios/database-down.yaml", line)]


def test_role_handles_and_mailboxes_in_text_pass(data_copy):
    sc = data_copy / "scenarios" / "database-down.yaml"
    edit(
        sc,
        "text: If disk is full → Free up space.",
        "text: If disk is full → ask @oncall-primary or security@dramal.com.",
    )
    assert _found(data_copy) == []
