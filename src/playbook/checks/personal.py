"""Checker rules on personal data: a phone number only in a contact's `phone` field (phonenumbers), an e-mail
address only on the organisation's mail domain, and in a contact only in its `email` field."""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import re
from pathlib import Path

from playbook.checks import cache as pc
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.secrets import published_files
from playbook.data import files as F
from playbook.data.catalog import Catalog
from playbook.data.markup import strings
from playbook.data.model import TBD
from playbook.data.model_contacts import ROTATING


def _regions(cat: Catalog) -> list[str]:
    """Where a number written without its country code is read from: the country whose business days the
    playbook counts (postmortem.public_holidays, when the data names one), and the country of every contact's phone."""
    holidays = cat.incident.postmortem.public_holidays
    regions = {holidays.country.upper()} if holidays else set()
    phones = [r.phone for r in cat.contacts.roles if r.phone != TBD]
    if phones:  # imported only then: a warm run with every phone TBD needs the library not
        import phonenumbers

        for phone in phones:
            with contextlib.suppress(phonenumbers.NumberParseException):
                regions.add(phonenumbers.region_code_for_number(phonenumbers.parse(phone)) or "")
    return sorted(regions - {"", "ZZ", "001"})


# A number in the national form of the countries that dial a trunk 0 first (07700 900123, 0412 345 678): a text
# that holds one is read in those countries too, whatever country the playbook names (an editor abroad types it).
_TRUNK = re.compile(r"(?<![\w+.-])0\d[\d ().-]{7,14}\d")
_TRUNK_REGIONS = ("GB", "IE", "AU", "NZ", "DE", "FR", "NL", "BE", "ZA", "IN")


def _numbers(text: str, regions: list[str]) -> list[tuple[int, str]]:
    """(offset, number as written) of every phone number in `text`: any number written with its country code
    (+44 7700 900123, possible lengths: a fiction or unassigned number is still personal-looking data), and a
    valid number of one of `regions` written in its national form ((202) 555-0143), or of a trunk-0 country when
    the text holds a trunk-0 national form (07700 900123)."""
    from phonenumbers import Leniency, PhoneNumberMatcher

    found = {m.start: m.raw_string for m in PhoneNumberMatcher(text, None, leniency=Leniency.POSSIBLE)}
    if _TRUNK.search(text):
        regions = [*regions, *(r for r in _TRUNK_REGIONS if r not in regions)]
    for region in regions:
        for m in PhoneNumberMatcher(text, region, leniency=Leniency.VALID):
            found.setdefault(m.start, m.raw_string)
    for m in _DIALLED.finditer(text):  # a number in a link that dials or messages it, written without its +
        if m.start(1) - 1 not in found and _international(m.group(1), valid=False):
            found.setdefault(m.start(1), m.group(1))
    for m in _DIGITS.finditer(text):  # a bare run of digits that is a valid number once read with its +
        if _international(m.group(0), valid=True):
            found.setdefault(m.start(), m.group(0))
    # a bracket the number sits in, "(+44 7700 900123)", is not the number's own: the finding starts at the number
    return sorted(
        (at + 1, raw[1:]) if raw.startswith("(") and ")" not in raw else (at, raw) for at, raw in found.items()
    )


# A link that calls or messages a number (wa.me/447700900456, tel:, sms:, ?phone=): its digits are a number in the
# international form, the + left out as those links allow; and a bare run of 10-15 digits, not glued to a word, an
# id, a hash or a path (req_1705228200000, sha256:…, #incident-1705228200).
_DIALLED = re.compile(r"(?:\bwa\.me/|\b(?:tel|sms|callto|facetime):(?://)?|[?&]phone=)\+?(\d[\d().-]{6,18}\d)(?![\w])")
_DIGITS = re.compile(r"(?<![\w.+/:#-])\d{10,15}(?![\w.-])")


def _international(digits: str, valid: bool) -> bool:
    """The digits, read with a leading +, are a possible (or, with `valid`, a valid) number of a country."""
    import phonenumbers

    try:
        number = phonenumbers.parse("+" + re.sub(r"\D", "", digits), None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number) if valid else phonenumbers.is_possible_number(number)


def _phone_fields(cat: Catalog) -> dict[int, tuple[int, int]]:
    """contacts.yaml line -> the 1-based columns (first, last) of the phone value written on it."""
    rel = cat.file(F.CONTACTS)
    try:
        lines = (cat.base / rel).read_text(encoding="utf-8").split("\n")
    except OSError:
        return {}
    out = {}
    for i, r in enumerate(cat.contacts.roles):
        if r.phone == TBD:
            continue
        line, col = cat.where(rel, ("roles", i, "phone"))
        start = lines[line - 1].find(r.phone, col - 1) if 0 < line <= len(lines) else -1
        if start >= 0:
            out[line] = (start + 1, start + len(r.phone))
    return out


@rule(
    "SEC002",
    "error",
    "a phone number is written only in a contact's phone field",
    "A number typed into a trigger, a step or a page is published on the site, the binder and the search "
    "index, and stays there when the person leaves; contacts.yaml is the one place that holds (and drops) it.",
    "name the contact (its role or team id) instead; its phone comes from its `phone` field in contacts.yaml",
)
def phones_only_in_contacts(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    regions, contacts = _regions(cat), cat.file(F.CONTACTS)
    allowed = _phone_fields(cat)
    for path in published_files(cat):
        rel = cat.rel(path)
        text = _read(cat, path)
        for at, number in _cached(ctx.cache, text, regions):
            line = text.count("\n", 0, at) + 1
            col = at - (text.rfind("\n", 0, at) + 1) + 1
            first, last = allowed.get(line, (0, -1)) if rel == contacts else (0, -1)
            if not first <= col <= last:
                shown = f"…{number[-3:]}"  # the whole number is personal data: the log shows its end only
                yield report.at(rel, line, col, f"a phone number ({shown}) written outside a contact's phone field")


@rule(
    "SEC007",
    "error",
    "a role's phone is a shared line: a rotating role has none, and no role's is a mobile",
    "A rotating role (person: Rotating) is held by whoever is on call this week: a phone typed there is that "
    "person's own, published on the site and wrong from the next rotation on; the paging tool and the role's Slack "
    "reach whoever holds the role. A mobile number is a person's, which contacts.yaml's header forbids.",
    "write phone: TBD and reach the role through the paging tool and its Slack handle; a phone of a role is the "
    "team's shared (fixed) line",
)
def role_phones_are_shared(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, r in enumerate(cat.contacts.roles):
        if r.phone == TBD:
            continue
        if r.person == ROTATING:
            message = f"{r.id} is a rotating role ({r.person}): its phone is whoever's typed it"
            yield report(F.CONTACTS, ("roles", i, "phone"), message)
        elif _mobile(r.phone):
            yield report(
                F.CONTACTS, ("roles", i, "phone"), f"{r.id}'s phone is (or may be) a mobile number: a person's own"
            )


def _mobile(phone: str) -> bool:
    """A number the library knows as a mobile or personal one, or one that may be either (NANP numbers: +1 202 …);
    a number of no known range (a fiction range: +44 7700 900xxx) is read as the range of its nearest valid neighbour
    (the same leading digits, the last ones changed): 07700 900123 sits in the UK's 07700 mobile block."""
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return False
    return _kind(number) in _PERSONAL


def _kind(number) -> int:
    """The number's type, or the type of the first valid number with its leading digits (its range)."""
    import phonenumbers

    kind = phonenumbers.number_type(number)
    digits = str(number.national_number)
    for k in range(1, len(digits) - 1):
        if kind != phonenumbers.PhoneNumberType.UNKNOWN:
            break
        for d in "0123456789":
            near = phonenumbers.PhoneNumber(country_code=number.country_code, national_number=int(digits[:-k] + d * k))
            if (kind := phonenumbers.number_type(near)) != phonenumbers.PhoneNumberType.UNKNOWN:
                break
    return kind


_PERSONAL = (1, 2, 7)  # PhoneNumberType MOBILE, FIXED_LINE_OR_MOBILE, PERSONAL_NUMBER (not imported unless needed)


# An address as mail clients find one in text (local part, @, a dotted domain); kept by hand: the check needs the
# domain only, and a library for RFC 5322 parsing would refuse the half-typed addresses an editor leaves.
EMAIL = re.compile(r"[\w.+-]+@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})")
# Domains reserved for examples and tests (RFC 2606, RFC 6761): no one's mailbox.
_RESERVED = ("example.com", "example.net", "example.org", "example", "test", "invalid", "localhost")


def _within(domain: str, parents: tuple[str, ...]) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in parents)


def reserved(domain: str) -> bool:
    """A domain reserved for examples and tests (example.com, .test, …): an address on it is a test identity."""
    return _within(domain.lower(), _RESERVED)


def _ours(domain: str, mail_domain: str) -> bool:
    return _within(domain, (mail_domain, *_RESERVED))


@rule(
    "SEC003",
    "error",
    "an e-mail address is a role mailbox on the organisation's mail domain",
    "A person's own address (a private mailbox, a former employee's) typed into the data is published on the "
    "site, the binder and the search index, and the router would page it; role mailboxes on the organisation's "
    "domain (meta.yaml mail_domain) outlive the people who read them.",
    "write the role mailbox on the mail domain (contacts.yaml), or, in an example, an address on a reserved "
    "domain such as example.com or .test; the mail domain itself is the one the role mailboxes are on (a mail "
    "domain no role mailbox is on is the mistake, at meta.yaml's mail_domain)",
)
def mail_on_our_domain(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    domain = cat.meta.mail_domain.lower()
    if (mailboxes := _mailbox_domains(cat)) and not any(_within(d, (domain,)) for d in mailboxes):
        # not one role mailbox on it: the domain is what changed, not every address of the data
        message = f"the mail domain {domain} is not the domain of any role mailbox of contacts.yaml"
        hint = f"write the domain the role mailboxes are on ({', '.join(sorted(mailboxes))}), or move them with it"
        yield report(F.META, ("mail_domain",), message, hint)
        return
    for path in published_files(cat):
        text = _read(cat, path)
        for m in EMAIL.finditer(text):
            if not _ours(m.group(1).lower(), domain):
                line = text.count("\n", 0, m.start()) + 1
                col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
                message = f"an e-mail address on {m.group(1)}, not on the mail domain {domain}"
                yield report.at(cat.rel(path), line, col, message)


def _mailbox_domains(cat: Catalog) -> set[str]:
    """The domains of the contacts' role mailboxes (their `email` fields), but reserved example ones."""
    found = (r.email.rsplit("@", 1)[-1].lower() for r in cat.contacts.roles if "@" in r.email)
    return {d for d in found if not reserved(d)}


@rule(
    "SEC009",
    "error",
    "a contact's e-mail address is written only in its email field",
    "A role's or a team's name (and a role's person) is shown in the contacts table, the matrix, the escalation "
    "path and the router's receivers: an address typed into it (`DevOps Team <devops@…>`, as a mail client writes "
    "one) is published where a name is read, and the router never mails it: only the `email` field is an address.",
    "keep the name alone and write the address in the `email` field (a team's: in the role that leads it)",
)
def mail_only_in_email_field(ctx: CheckContext, report: Reporter):
    for path, text in strings(ctx.catalog.contacts):
        if path[-1] != "email" and "@" in text and (m := EMAIL.search(text)):
            yield report(
                F.CONTACTS, path, f"an e-mail address ({m.group(0)}) in a contact's {path[-1]}", needle=m.group(0)
            )


def _cached(cache: pc.Cache | None, text: str, regions: list[str]) -> list[tuple[int, str]]:
    """_numbers, kept in the check's cache under a hash of the text, the regions, the library and this module."""
    if cache is None:
        return _numbers(text, regions)
    key = pc.key("phones", text, ",".join(regions), *_scanner())
    hit = pc.rows(cache.get("phones", key), int, str)
    if hit is None:
        hit = _numbers(text, regions)
        cache.put("phones", key, hit)
    return hit


@functools.cache
def _scanner() -> tuple[bytes, bytes]:
    spec = importlib.util.find_spec("phonenumbers")  # found, not imported (25 ms): a warm run needs it not
    version = Path(spec.origin).read_bytes() if spec and spec.origin else b"?"  # its __init__ names its version
    return version, Path(__file__).read_bytes()


def _read(cat: Catalog, path: Path) -> str:
    """The text of a published file, read once per catalog for SEC002 and SEC003 ('' when unreadable)."""

    def read() -> str:
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return ""

    return cat.memoized(("published text", path), read)
