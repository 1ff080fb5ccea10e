"""Checker rule on personal data by its shape (SEC010): a payment card number, a national identifier (a US social
security number, a UK national insurance or NHS number), a patient's record number (MRN 883104, by its label) or a
postal address anywhere in the data."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.comments import data_comments
from playbook.data.markup import free_strings

# Digits standing alone (not inside an id, a timestamp, a version or a path): 13 to 19 in groups for a card,
# 10 for an NHS number. Each is then proven by its check digit, so a count or a Unix time is not one.
_CARD = re.compile(r"(?<![\w.:/-])[2-6]\d{3}(?:[ -]?\d){9,15}(?![\w.:/-])")
_NHS = re.compile(r"(?<![\w.:/+-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\w.:/-])")
_SSN = re.compile(r"(?<![\w.:/-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w.:/-])")
# HMRC's format: two prefix letters, six digits, A–D. Every prefix, those HMRC never issues too (QQ is its example's):
# the reader cannot tell an example from a real one (deny by default).
_NINO = re.compile(r"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
# A UK postcode (outward and inward code), and a house number before a street's name and its kind.
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}\b")
_STREET = re.compile(
    r"\b\d{1,5}[A-Za-z]? (?:[A-Z][a-z]+ ){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Grove|Drive|Way|Close|Place|"
    r"Court|Crescent|Terrace|Gardens|Square|Boulevard|Blvd|Row|Mews|Hill)\b"
)


# A patient's (or a member's) record number, told by its label rather than by its shape: whatever a hospital's or an
# insurer's numbers look like, a value written after "MRN", "patient ID", "hospital number", "NHS no." is one. The
# labels are kept by hand (no library lists them): the record numbers of clinical systems (MRN, a medical, health,
# hospital or clinical record, chart or case number, a unit record (UR) number, an EHR or EMR id), a patient's own id
# or number (patient_id=, patientId: in code too), the national health numbers (NHS, CHI, Medicare, Medicaid) and an
# insurance member's id. The value holds four digits or more (a letter prefix allowed: MRN A0883104; "NHS 111", the
# helpline, is no number of a person's). Not a support case's number, nor a policy's: those are a vendor's.
_RECORD_LABEL = (
    r"MRN|M\.R\.N\.?|(?:EHR|EMR|UR)[ _-]?(?:id|number|no\.?)"
    r"|(?:medical|health|hospital|clinical|patient)[ _-]?(?:record|chart|case)[ _-]?(?:number|no\.?|num|id|#)"
    r"|(?:hospital|chart)[ _-]?(?:number|no\.?|#)"
    r"|patient[ _-]?(?:id|identifier|number|no\.?|num|#)"
    r"|(?:NHS|CHI|Medicare|Medicaid)[ _-]?(?:number|no\.?|num|id|#)?|(?:insurance|member)[ _-]?(?:id|number|no\.?)"
)
_RECORD = re.compile(
    rf"(?<![\w-])(?:{_RECORD_LABEL})(?![\w])[\s:#=\"']*(?:is\s+|of\s+)?"
    r"(?P<value>[A-Z]{0,3}[ -]?\d(?:[\d -]*\d)?)(?![\w])",
    re.I,
)


def _record_numbers(text: str) -> list[tuple[int, str, str]]:
    return [
        (m.start("value"), "a patient's record number", m.group("value"))
        for m in _RECORD.finditer(text)
        if len(_digits(m.group("value"))) >= 4
    ]


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _luhn(number: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(number)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _nhs(number: str) -> bool:
    check = 11 - sum(int(c) * (10 - i) for i, c in enumerate(number[:9])) % 11
    return check != 10 and (check % 11) == int(number[9])


def identifiers(text: str) -> list[tuple[int, str, str]]:
    """(offset, what, value) of every personal identifier or address in `text`, by its shape and check digit."""
    out = []
    if any(c.isdigit() for c in text):
        out += [(m.start(), "a payment card number", m.group()) for m in _CARD.finditer(text)
                if 13 <= len(_digits(m.group())) <= 19 and _luhn(_digits(m.group()))]  # fmt: skip
        out += [(m.start(), "an NHS number", m.group()) for m in _NHS.finditer(text) if _nhs(_digits(m.group()))]
        out += [(m.start(), "a social security number", m.group()) for m in _SSN.finditer(text)]
        out += [(m.start(), "a national insurance number", m.group()) for m in _NINO.finditer(text)]
        addresses = (*_POSTCODE.finditer(text), *_STREET.finditer(text))
        out += [(m.start(), "a postal address", m.group()) for m in addresses]
        out += _record_numbers(text)
    return sorted(out)


@rule(
    "SEC010",
    "error",
    "no payment card number, national identifier, patient's record number or postal address is written in the data",
    "A card number (any that passes its Luhn check), a social security, national insurance or NHS number (by its "
    "format and check digit), a patient's record number (a value after its label: MRN, patient ID, hospital number, "
    "NHS no.; in code too: patient_id = …) or a home address identifies a person or pays with their money, whatever "
    "field it is typed into (a timeline row, a placeholder, a contact's name, a command): it is published on the "
    "site, the binder, the search index and the generated scripts. An example is no excuse: the reader cannot tell it "
    "from a real one, and the next editor copies it.",
    "describe it instead (`[card number]`, `the patient's NHS number`, `the patient's MRN`); an address belongs in the "
    "HR system, not the playbook; if a real one was published, report it as a data breach",
)
def no_personal_identifiers(ctx: CheckContext, report: Reporter):
    for file, path, text in free_strings(ctx.catalog):
        for _, what, value in identifiers(text)[:1]:
            yield report(file, path, f"{what} ({value[:4]}…) in the data", needle=value)
    for file, line, col, text in data_comments(ctx.catalog):  # a comment is in every clone of the repository
        for at, what, value in identifiers(text)[:1]:
            yield report.at(file, line, col + 1 + at, f"{what} ({value[:4]}…) in a YAML comment")
