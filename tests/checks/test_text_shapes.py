"""TXT003, TXT007 and SEC010 by their shapes: what the data's text legitimately holds is not a table, a definition,
a link that links nowhere or personal data (the faults at their YAML lines are test_checks.py's ONE_RULE_FAULTS)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

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
        # national person numbers by their written shape and check digit (python-stdnum's), and CMS's MBI by its shape
        ("the claims of Medicare member 1EG4-TE5-MK73", "a Medicare beneficiary identifier"),
        ("beneficiary 1EG4TE5MK73 was billed twice", "a Medicare beneficiary identifier"),
        ("SIN 123-456-782 on the claim", "a national person number"),
        ("PHN 9698 658 215", "a personal health number"),
        ("Aadhaar 2341 2341 2346", "an Aadhaar number"),
        ("the NIR 2 95 10 99 126 111 93", "a social security number (NIR)"),
        ("CPF 390.533.447-05", "a CPF number"),
        ("AHV 756.9217.0769.85", "an AHV number"),
        ("DNI 54362315-K", "a DNI or NIE number"),
        ("CF RCCMNL83S18D969H", "a codice fiscale"),
        ("henkilötunnus 131052-308T", "a personal identity code"),
        ("personnummer 880320-0016", "a personal identity number"),
        ("PESEL 44051401359", "a national identity number"),
        ("ID 7503305044089", "a national identity number"),
        ("PPS 6433435F", "a PPS number"),
        ("ITIN 912-90-3456", "a taxpayer identification number"),
        ("refund to GB82 WEST 1234 5698 7654 32", "a bank account number (IBAN)"),
        ("IBAN DE89370400440532013000", "a bank account number (IBAN)"),
        ("health card 1234-567-897 AB", "a health card number"),
        ("Medicare card 2123 45670 1", "a Medicare card number"),
    ],
)
def test_personal_identifiers_are_found_by_their_shape(text, what):
    assert [w for _, w, _ in identifiers(text)] == [what]


# A national number of the same shape whose check digit is wrong is no one's: a count, a version, a date.
@pytest.mark.parametrize(
    "text", ["123-456-783", "2341 2341 2347", "390.533.447-06", "54362315-Z", "880320-0018", "44051401358", "6433435E"]
)
def test_a_wrong_check_digit_is_not_a_person_number(text):
    assert identifiers(text) == []


_MBI_LETTER = st.sampled_from("ACDEFGHJKMNPQRTUVWXY")
_MBI_ANY = st.one_of(_MBI_LETTER, st.sampled_from("0123456789"))
_DIGIT = st.sampled_from("0123456789")


@st.composite
def _mbis(draw) -> str:
    """Any Medicare beneficiary identifier CMS's format allows, written with or without its dashes."""
    dash = draw(st.sampled_from(["", "-"]))
    parts = [
        draw(st.sampled_from("123456789")) + draw(_MBI_LETTER) + draw(_MBI_ANY) + draw(_DIGIT),
        draw(_MBI_LETTER) + draw(_MBI_ANY) + draw(_DIGIT),
        draw(_MBI_LETTER) + draw(_MBI_LETTER) + draw(_DIGIT) + draw(_DIGIT),
    ]
    return dash.join(parts)


@settings(max_examples=60, deadline=None)
@given(_mbis(), st.sampled_from(["claims of member {} failed", "({})", "{}", "beneficiary: {}."]))
def test_any_medicare_beneficiary_identifier_is_found(mbi, sentence):
    assert ("a Medicare beneficiary identifier", mbi) in [(w, v) for _, w, v in identifiers(sentence.format(mbi))]


@settings(max_examples=60, deadline=None)
@given(st.integers(10**7, 10**8 - 1), st.sampled_from(["SIN {} on file", "the claim of {}"]))
def test_any_valid_social_insurance_number_is_found(n, sentence):
    from stdnum import luhn

    assume(str(n)[0] != "8")  # Canada issues none from 0 or 8
    digits = f"{n}" + luhn.calc_check_digit(f"{n}")
    written = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    assert written in [v for _, _, v in identifiers(sentence.format(written))]


def test_an_http_write_is_named_with_its_url():
    assert names("curl", ["-s", "--json", "{}", "$BASE_URL/api/x"]) == ("POST", "POST $BASE_URL/api/x")
    assert names("curl", ["-s", "-X", "DELETE", "--url", "https://h/y"]) == ("DELETE", "DELETE https://h/y")
    assert names("curl", ["-s", "$BASE_URL/api/metrics"]) == ()
