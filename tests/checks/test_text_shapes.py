"""TXT003, TXT007 and SEC010 by their shapes: what the data's text legitimately holds is not a table, a definition,
a link that links nowhere or personal data (the faults at their YAML lines are test_checks.py's ONE_RULE_FAULTS)."""

from __future__ import annotations

import pytest

from playbook.checks.identifiers import identifiers
from playbook.checks.markup import _BLOCK, _NO_TARGET
from playbook.runbooks.readonly import names

PROSE = [
    "Q&A sessions | R&D | AT&T",  # pipes in a sentence, no delimiter row
    "a | b\nc | d",
    '/incident update "Write operations failing due to [reason]. Investigating fix."',
    "Follow [Rollback Strategy](../rollback.md#restore-the-database-from-backup) and [Log Access](logs.md).",
    "[Incident Title] and [date] are placeholders",
    "SEV-[1/2/3]: see [^x not a footnote",
    "x [a] [b] y",
]


@pytest.mark.parametrize("text", PROSE)
def test_prose_is_not_a_block_or_a_link_with_no_target(text):
    assert _BLOCK.search(text) is None
    assert _NO_TARGET.search(text) is None


@pytest.mark.parametrize(
    "text",
    ["x\n\n| a | b |\n|---|---|", "x\n\n a | b\n --- | ---", "*[SLA]: service level", "[ref]: https://example.org"],
)
def test_tables_and_definitions_are_blocks(text):
    assert _BLOCK.search(text)


@pytest.mark.parametrize("text", ["see [[Scenarios]]", "see [Log Access][logs]", "see [Log Access][]"])
def test_reference_and_wiki_links_link_nowhere(text):
    assert _NO_TARGET.search(text)


# What the data writes and must keep writing: request ids, Unix times, dates, versions, IPs of the documentation
# range, reserved phone numbers (SEC002's), SLAs, ports, commit ids, a post-mortem's PR number.
NOT_PERSONAL = [
    "requestId req_1705228200000_abc123 at 2026-01-14T10:30:00.000Z",
    "#incident-1705228200 and INC-1705228200",
    "PR #123, v2.0.13, 203.0.113.7, SEV-1 within 15m, port 5432",
    "a3f9c21 (commit 4e1d0b7c9a2f), 1705228200000 ms",
    "HTTP 503 at 10:25; 100 req/s for 25 minutes; ISO 8601",
    "db.query.duration P95 above 1000 ms for 5m",
    "4111 1111 1111 1112",  # not Luhn-valid: not a card
    # a record number's label without a value, a helpline, a vendor's support case, a count of patients
    "the MRN field is empty; call NHS 111; support case number 01234567; patient number 1 of 3; 2 patients in 500",
    "a patient_id column, patientId: $PATIENT_ID, MRN <mrn>",
]


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_identifiers_the_data_writes_are_not_personal(text):
    assert identifiers(text) == []


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("card 3782 822463 10005 on file", "a payment card number"),
        ("card 6011-1111-1111-1117", "a payment card number"),
        ("patient 943 476 5919", "an NHS number"),
        ("SSN 078-05-1120", "a social security number"),
        ("NI JT123456C", "a national insurance number"),
        ("NI number QQ 12 34 56 C", "a national insurance number"),  # HMRC's example prefix: an example all the same
        ("at 221B Baker Street", "a postal address"),
        ("EH1 1YZ", "a postal address"),
        # a patient's record number, by its label: whatever its shape
        ("note save for patient X (MRN 883104) failing", "a patient's record number"),
        ("MRN#A0883104", "a patient's record number"),
        ("hospital number: 12-345-678", "a patient's record number"),
        ("WHERE n.patient_id = 44127", "a patient's record number"),
        ('{"patientId": "99812"}', "a patient's record number"),
        ("patient ID #55123", "a patient's record number"),
        ("medical record number is 00123", "a patient's record number"),
        ("CHI no. 1204567890 (a Scottish one)", "a patient's record number"),
        ("insurance id: X123456", "a patient's record number"),
    ],
)
def test_personal_identifiers_are_found_by_their_shape(text, what):
    assert [w for _, w, _ in identifiers(text)] == [what]


def test_an_http_write_is_named_with_its_url():
    assert names("curl", ["-s", "--json", "{}", "$BASE_URL/api/x"]) == ("POST", "POST $BASE_URL/api/x")
    assert names("curl", ["-s", "-X", "DELETE", "--url", "https://h/y"]) == ("DELETE", "DELETE https://h/y")
    assert names("curl", ["-s", "$BASE_URL/api/metrics"]) == ()
