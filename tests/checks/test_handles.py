"""SEC016: a role's handle and mailbox name the role (or its declared person); no search word is a given name."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.checks.handles import given_names, surnames
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


def _line(path, text):
    return next(n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in t)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # a family name (Japanese, romanized) as a short form of the manager's
        ("{short: [mgr], long: manager}", "{short: [mgr, nakamura], long: manager}"),
        # an Igbo given name (Faker's ig_NG) among the on-call words
        ("on call, pager, rotation,", "on call, chinedu, pager, rotation,"),
        # an initial and a Chinese family name (a login's shape) among the on-call words
        ("shift, primary, on duty,", "shift, wzhang, primary, on duty,"),
        # a given name in the long form a short form stands for
        ("{short: [em], long: engineering manager}", "{short: [em], long: engineering manager siobhan}"),
    ],
)
def test_a_persons_name_anywhere_in_the_search_vocabulary_is_an_error_at_its_line(data_copy, old, new):
    search = data_copy / "search.yaml"
    edit(search, old, new)
    assert _found(data_copy) == [("data/search.yaml", _line(search, new))]


def test_english_words_that_are_also_names_pass(data_copy):
    """Words of the language that are also names (Grace, Will, May, Bill, Mark, Rose): the English sense is read."""
    words = "grace period, will, may, bill, mark, rose"
    edit(data_copy / "search.yaml", "on call, pager, rotation,", f"on call, {words}, pager, rotation,")
    assert _found(data_copy) == []


def test_a_short_form_written_with_its_long_forms_letters_passes_though_it_is_a_surname(data_copy):
    """prodi (an Italian family name) for production, as chan for channel: an abbreviation, not a person."""
    search = data_copy / "search.yaml"
    edit(search, "{short: [prod], long: production}", "{short: [prod, prodi], long: production}")
    assert _found(data_copy) == []
    edit(search, "{short: [prod, prodi], long: production}", "{short: [prod, prodi], long: release}")
    assert _found(data_copy) == [("data/search.yaml", _line(search, "prodi"))]  # not from its letters: a name


def test_names_are_read_from_every_latin_table_of_faker_romanized_ones_included():
    assert {"chinedu", "akemi", "hiroshi", "aarav"} <= given_names()  # ig_NG, ja_JP, ja_JP, hi_IN's Latin names
    assert {"okafor", "nakamura", "zhang", "nowak"} <= surnames()
    assert not {"inc", "cmd", "prod", "mgr", "svc", "sec", "eng", "authn", "tmpl", "rlbk"} & surnames()
