"""SEC011, SEC012: fields whose meaning decides what they may hold: a placeholder named for a credential is secret, a
contact's person is a name. Each fault is found at its YAML line; the near misses pass."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.checks.credentials import names_credential
from playbook.checks.named_people import not_a_name
from playbook.data.load import load_catalog
from playbook.site.checking import check

KEY = "meaning: The AI provider's API key, to test the provider directly.\n    secret: true"
FAULTS = [
    # the provider's key no longer secret: at the `secret: false` line
    ("SEC011", "meta.yaml", KEY, KEY.replace("secret: true", "secret: false"), "secret: false"),
    # a new credential placeholder that never says secret: at its name
    (
        "SEC011",
        "meta.yaml",
        "  - name: DB_PATH\n",
        "  - name: SESSION_COOKIE\n    meaning: The session cookie of a signed-in test user.\n  - name: DB_PATH\n",
        "name: SESSION_COOKIE",
    ),
    # a secret placeholder given a default: the credential is in the data
    ("SEC011", "meta.yaml", KEY, KEY + "\n    default: sk-test", "default: sk-test"),
    # a colleague's medical leave written beside (or instead of) a name
    (
        "SEC012",
        "contacts.yaml",
        "{id: eng-manager, name: Engineering Manager, person: TBD,",
        '{id: eng-manager, name: Engineering Manager, person: "TBD (Priya Raman is on leave for chemotherapy)",',
        "chemotherapy",
    ),
    (
        "SEC012",
        "contacts.yaml",
        "{id: cto, name: CTO, person: TBD,",
        "{id: cto, name: CTO, person: Sick Leave,",
        "Sick Leave",
    ),
]


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker"), FAULTS, ids=[f"{f[0]}-{f[4]}" for f in FAULTS])
def test_fault_found_at_its_line(data_copy, catalog, rule, file, old, new, marker):
    assert check(catalog, [rule]) == []  # the real data passes
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), [rule])
    lines = {n for n, t in enumerate((data_copy / file).read_text(encoding="utf-8").splitlines(), 1) if marker in t}
    assert len(lines) == 1 and {p.file for p in found} == {f"data/{file}"}, [p.format() for p in found]
    assert {p.line for p in found} == lines, [p.format() for p in found]


@pytest.mark.parametrize(
    "name", ["TOKEN", "OPENAI_API_KEY", "DB_PASSWORD", "CLIENT_SECRET", "ROUTING_KEY", "BASIC_AUTH", "API_TOKENS"]
)
def test_credential_names(name):
    assert names_credential(name)


@pytest.mark.parametrize(
    "name", ["TOKEN_TTL", "AUTH_URL", "KEY_ID", "KEYCLOAK_URL", "PASSWORD_MIN_LENGTH", "BYPASS", "DB_PATH", "USER_ID"]
)
def test_names_of_what_a_credential_has_are_not_credentials(name):
    assert not names_credential(name)


def test_a_near_miss_placeholder_passes(data_copy):
    """TOKEN_TTL names a duration, not a token: no secret: needed."""
    edit(data_copy / "meta.yaml", "  - name: DB_PATH\n", "  - name: TOKEN_TTL\n    meaning: How long a token lives.\n"
         "  - name: DB_PATH\n")  # fmt: skip
    assert check(load_catalog(data_copy), ["SEC011"]) == []


@pytest.mark.parametrize(
    "value", ["Priya Raman", "José María García-López", "Siobhán O'Neill", "Jan van der Berg", "J. R. Okafor", "Grace"]
)
def test_names_are_names(value):
    assert not_a_name(value) == ""


@pytest.mark.parametrize(
    "value",
    ["Priya Raman (on leave)", "Priya Raman, sick", "On Leave", "Patient Zero", "Priya Raman 07700 900123",
     "priya raman", "Chemotherapy"],
)  # fmt: skip
def test_anything_else_is_not_a_name(value):
    assert not_a_name(value)


def test_a_contact_given_a_name_passes(data_copy):
    old = "{id: cto, name: CTO, person: TBD,"
    edit(data_copy / "contacts.yaml", old, old.replace("TBD", "Siobhán O'Neill"))
    assert check(load_catalog(data_copy), ["SEC012"]) == []
