"""SEC024: a log format field holds no credential or session, named by its path or its help; found at the field's
line. Counts, expiries and fields whose help says the value is not kept pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

IP = "    - {path: context.ip, type: string, help: Client IP address, decision: D-log-ip}\n"


@pytest.mark.parametrize(
    "field",
    [
        "{path: context.cookie, type: string, help: The request's cookies (to reproduce a session)}",
        "{path: context.sessionId, type: string, help: Session of the signed-in user}",
        "{path: context.auth, type: string, help: Value of the Authorization header}",  # said by the help only
        "{path: request.headers.x_api_key, type: string, help: Partner key}",
        "{path: context.bearer, type: string, help: Token the request was signed with}",
    ],
)
def test_a_credential_field_is_found_at_its_line(data_copy, field):
    edit(data_copy / "catalog.yaml", IP, IP + f"    - {field}\n")
    found = check(load_catalog(data_copy), ["SEC024"])
    marker = field.split(",")[0]
    assert [(p.file, p.line) for p in found] == [("data/catalog.yaml", line_of(data_copy / "catalog.yaml", marker))]


@pytest.mark.parametrize(
    "field",
    [
        "{path: context.tokens, type: integer, help: Tokens the AI model used}",  # a count holds no credential
        "{path: context.tokenCount, type: string, help: Number of AI tokens used}",
        "{path: context.sessionExpiresAt, type: string, help: When the session expires}",
        "{path: context.authMethod, type: string, help: 'How the user signed in (password, SSO); never the password'}",
        "{path: context.keyId, type: string, help: Id of the signing key}",
    ],
)
def test_fields_that_hold_no_credential_pass(data_copy, field):
    edit(data_copy / "catalog.yaml", IP, IP + f"    - {field}\n")
    assert check(load_catalog(data_copy), ["SEC024"]) == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["SEC024"]) == []
