"""Checker rule on personal data by its shape (SEC010): a payment card number, a national identifier (a US social
security number, a UK national insurance or NHS number) or a postal address anywhere in the data."""

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
    return sorted(out)


@rule(
    "SEC010",
    "error",
    "no payment card number, national identifier or postal address is written in the data",
    "A card number (any that passes its Luhn check), a social security, national insurance or NHS number (by its "
    "format and check digit) or a home address identifies a person or pays with their money, whatever field it is "
    "typed into (a timeline row, a placeholder, a contact's name, a command): it is published on the site, the "
    "binder, the search index and the generated scripts. An example is no excuse: the reader cannot tell it from "
    "a real one, and the next editor copies it.",
    "describe it instead (`[card number]`, `the patient's NHS number`); an address belongs in the HR system, not "
    "the playbook; if a real one was published, report it as a data breach",
)
def no_personal_identifiers(ctx: CheckContext, report: Reporter):
    for file, path, text in free_strings(ctx.catalog):
        for _, what, value in identifiers(text)[:1]:
            yield report(file, path, f"{what} ({value[:4]}…) in the data", needle=value)
    for file, line, col, text in data_comments(ctx.catalog):  # a comment is in every clone of the repository
        for at, what, value in identifiers(text)[:1]:
            yield report.at(file, line, col + 1 + at, f"{what} ({value[:4]}…) in a YAML comment")
