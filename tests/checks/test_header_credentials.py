"""SEC001 on a credential in a header written in the data's text or a command: an Authorization header of any scheme
(OAuth, Token, SSWS, none; Basic has its own pattern) or a header named for a credential (X-Api-Key, …-Token,
…-Secret, Cookie) with a literal value, found at its line; a placeholder value or prose is none."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

NOTE = "note: The public status page is planned (future); the message below is the wording to use."
CURL = """curl -s -o /dev/null -w "%{http_code}\\n" {{ ep['openai-models'] }} \\"""


@pytest.mark.parametrize(
    "header",
    [
        "Authorization: OAuth 0d5b3e71-4b1d-9a6e",
        "Authorization: SSWS 00x7Qp3mWd81",
        "Authorization: 9c41f0e2aa73",  # no scheme at all
        "X-Api-Key: pk_3b7c21d9e0",
        "X-Auth-Token: 5e6f7a8b9c0d",
        "Cookie: sessionid=8d1f2e3c4b5a",
    ],
)
def test_a_header_with_a_literal_credential_in_text_is_found_at_its_line(data_copy, header):
    new = f"note: \"Post it by hand: curl -H '{header}' https://api.statuspage.io/v1/pages/dramal/incidents\""
    edit(data_copy / "incident.yaml", NOTE, new)
    found = check(load_catalog(data_copy), ["SEC001"])
    assert [(p.file, p.line) for p in found] == [("data/incident.yaml", line_of(data_copy / "incident.yaml", header))]


def test_a_header_with_a_literal_credential_in_a_command_is_found_at_its_line(data_copy):
    new = CURL.replace("-w", "-H 'X-Client-Secret: 77aa31bc90de' -w")
    edit(data_copy / "scenarios" / "ai-service-down.yaml", CURL, new)
    found = check(load_catalog(data_copy), ["SEC001"])
    assert [p.line for p in found] == [line_of(data_copy / "scenarios" / "ai-service-down.yaml", "X-Client-Secret")]


@pytest.mark.parametrize(
    "header",
    [
        "Authorization: OAuth $STATUSPAGE_API_KEY",
        "Authorization: Token ${API_TOKEN}",
        "X-Api-Key: <your key>",
        "Cookie: session=$SESSION_COOKIE",
        "X-Request-Id: 0d5b3e71a2",  # no credential by its name
    ],
)
def test_placeholders_and_other_headers_pass(data_copy, header):
    edit(data_copy / "incident.yaml", NOTE, f"note: \"Post it by hand with -H '{header}'\"")
    assert check(load_catalog(data_copy), ["SEC001"]) == []


def test_prose_about_the_header_passes(data_copy):
    edit(data_copy / "incident.yaml", NOTE, 'note: "The API wants an Authorization: header with the key."')
    assert check(load_catalog(data_copy), ["SEC001"]) == []
