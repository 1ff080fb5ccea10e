"""Checker rules on personal identifiers: in any text by its shape (SEC010), in a metric's labels by its name (SEC017).

SEC010: a payment card number, a national identifier (a US social security number, a UK national insurance or NHS
number, a Medicare beneficiary's, and the person numbers python-stdnum validates), a patient's record number (MRN
883104, by its label) or a postal address anywhere in the data."""

from __future__ import annotations

import functools
import importlib
import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
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
    from stdnum import luhn

    return luhn.is_valid(number)


def _nhs(number: str) -> bool:
    from stdnum.gb import nhs

    return nhs.is_valid(number)


# A Medicare Beneficiary Identifier (CMS's format, which python-stdnum lacks: written by hand): 11 characters, a digit
# 1–9, a letter, a letter or digit, a digit, then (after an optional dash) a letter, a letter or digit, a digit, and
# (after another) two letters and two digits; its letters are never S, L, O, I, B or Z. It has no check digit: the
# fixed places of letters and digits are what tells it from a word or a hash (a commit id is in small letters).
_A = "[AC-HJKMNP-RT-Y]"
_MBI = re.compile(rf"(?<![\w.:/-])[1-9]{_A}[{_A[1:-1]}0-9]\d-?{_A}[{_A[1:-1]}0-9]\d-?{_A}{{2}}\d{{2}}(?![\w:/-])")

# National person numbers by the shape they are written in (their groups, their separators), each proven by the check
# digit python-stdnum knows for it: a count, a date or a version of the same shape fails it. Kept by hand: stdnum
# tells no person's number from a company's or a product's, nor the shape a number is written in; a digit run with no
# separators is read only for the numbers that carry a birth date besides a check digit (PESEL, fødselsnummer, the
# South African and Chinese ids), which a count or a timestamp does not pass.
_EDGE, _END = r"(?<![\w.:/+-])", r"(?![\w:/-])"
_NATIONAL = (
    (r"\d{3}[ -]\d{3}[ -]\d{3}", "a national person number", ("ca.sin", "au.tfn")),
    (r"9\d{3} \d{3} \d{3}", "a personal health number", ("ca.bc_phn",)),
    (r"\d{4} \d{4} \d{4}", "an Aadhaar number", ("in_.aadhaar",)),
    (r"9\d{2}-[5-9]\d-\d{4}", "a taxpayer identification number", ("us.itin",)),
    (r"[12] ?\d{2} ?\d{2} ?(?:\d{2}|2A|2B) ?\d{3} ?\d{3} ?\d{2}", "a social security number (NIR)", ("fr.nir",)),
    (r"\d{3}\.\d{3}\.\d{3}-\d{2}", "a CPF number", ("br.cpf",)),
    (r"756[. ]?\d{4}[. ]?\d{4}[. ]?\d{2}", "an AHV number", ("ch.ssn",)),
    (r"\d{8}-?[A-Z]|[XYZ]-?\d{7}-?[A-Z]", "a DNI or NIE number", ("es.dni", "es.nie")),
    (r"[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]", "a codice fiscale", ("it.codicefiscale",)),
    (r"\d{6}[-+A]\d{3}[0-9A-Y]", "a personal identity code", ("fi.hetu",)),
    (r"(?:\d{2})?\d{6}[-+]\d{4}", "a personal identity number", ("se.personnummer", "dk.cpr")),
    (r"\d{6} ?\d{5}", "a national identity number", ("no.fodselsnummer", "pl.pesel")),
    (r"\d{13}|\d{17}[\dX]", "a national identity number", ("za.idnr", "cn.ric")),
    (r"\d{7}[A-W][ABHWTX]?", "a PPS number", ("ie.pps",)),
    # a person's bank account (its IBAN: the country, two check digits, the account in groups of four)
    (r"[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?", "a bank account number (IBAN)", ("iban",)),
    # Ontario's health card: ten digits by the Luhn check, in 4-3-3 groups, its version code after them
    (r"\d{4}[ -]\d{3}[ -]\d{3}(?:[ -]?[A-Z]{2})?", "a health card number", ("luhn",)),
)
_NATIONAL_RE = [(re.compile(_EDGE + shape + _END), what, modules) for shape, what, modules in _NATIONAL]


@functools.cache
def _validator(module: str):
    return importlib.import_module(f"stdnum.{module}").is_valid


# An Australian Medicare card number (written by hand: stdnum has none): ten digits, the first 2–6, the ninth the
# check digit of the first eight (weights 1, 3, 7, 9, 1, 3, 7, 9), the tenth the card's issue, then the person's
# number on the card (1–9) if written; read as printed, 4-5-1 (2123 45670 1): run together, one digit run in ten
# passes the check.
_AU_MEDICARE = re.compile(r"(?<![\w.:/+-])[2-6]\d{3} \d{5} \d(?:[ -/]?[1-9])?(?![\w:/-])")


def _au_medicare(number: str) -> bool:
    digits = _digits(number)
    return sum(int(d) * w for d, w in zip(digits, (1, 3, 7, 9, 1, 3, 7, 9), strict=False)) % 10 == int(digits[8])


def _national(text: str) -> list[tuple[int, str, str]]:
    out = [(m.start(), "a Medicare beneficiary identifier", m.group()) for m in _MBI.finditer(text)]
    out += [
        (m.start(), "a Medicare card number", m.group()) for m in _AU_MEDICARE.finditer(text) if _au_medicare(m.group())
    ]
    for pattern, what, modules in _NATIONAL_RE:
        for m in pattern.finditer(text):
            number = _digits(m.group()) if modules == ("luhn",) else m.group()  # a version code is not Luhn's
            if any(_validator(module)(number) for module in modules):
                out.append((m.start(), what, m.group()))
    return out


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
        out += _national(text)
    return sorted(out)


@rule(
    "SEC010",
    "error",
    "no payment card number, national identifier, patient's record number or postal address is written in the data",
    "A card number (any that passes its Luhn check), a social security, national insurance or NHS number, a Medicare "
    "beneficiary identifier or another country's person number (by its format and check digit, python-stdnum's), a "
    "patient's record number (a value after its label: MRN, patient ID, hospital number, "
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


def _words(name: str) -> list[str]:
    """The words of a name in any case (`patient_id`, `patientId`: patient, id; `context.statusCode`: context, status,
    code)."""
    return [w for w in re.split(r"[^a-z0-9]+", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()) if w]


def recorded(label: str, fields) -> bool:
    """Whether metric label `label` is a field the log format records: its words are among those of a field's name
    (`user` and `user_id` for context.userId, `status` for context.statusCode, `error_message` for error.message); not
    `user_email`, which only starts as userId does."""
    words = _words(label)
    for path in fields:
        last, full = _words(path.rsplit(".", 1)[-1]), [w for w in _words(path) if w != "context"]
        if set(words) <= set(last) or words == full or "".join(words) == "".join(last):
            return True
    return False


def label_problem(cat, label: str, values) -> str:
    """Why metric label `label` (taking `values`) may not be one ('' when it may): it names a patient's record (the
    labels SEC010 reads a record number after), or it takes any value and no field of the log format says the
    service records it per request (context.userId, context.ip and context.statusCode are; a patient, an e-mail, a
    name are not). Deny by default: the log format is the data's own list of what a request may leave behind."""
    if re.fullmatch(_RECORD_LABEL, label, re.I):
        return "names a patient's record"
    if values == "any" and not recorded(label, [str(f.path) for f in cat.data.log_format.fields]):
        return "takes any value, and the log format records no such field of a request"
    return ""


@rule(
    "SEC017",
    "error",
    "a metric's label carries nothing of a patient, nor any value the log format does not record",
    "A label's value is copied into every series of its metric: /api/metrics, Prometheus, the Grafana dashboard and "
    "any hosted monitoring tool keep it, outside the clinical system's access control and retention. A label that "
    "names a patient's record (patient_id, mrn: SEC010's labels) would keep which patient each count was about; a "
    "label that takes any value carries what each request carries, so it may only be a field the log format already "
    "records (user, ip, status: `log_format.fields`), never a person's e-mail, name or phone, nor a patient.",
    "count without it (the help says what is counted), or by a label with a short list of values; a field the "
    "service must record goes in the log format first, with the decision that allows it",
)
def no_personal_labels(ctx: CheckContext, report: Reporter):
    for i, metric in enumerate(ctx.catalog.data.metrics):
        for label, values in metric.labels.items():
            if why := label_problem(ctx.catalog, label, values):
                yield report(
                    F.CATALOG, ("metrics", i, "labels", label), f"metric {metric.name}'s label {label!r} {why}"
                )
