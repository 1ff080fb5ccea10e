"""Checker rule SEC022: no sensitive data goes to a place others read: the public status page's wording names the
symptom (no address, account, attack), a step never has a password posted in a chat channel nor a file of secrets
committed or shared, nor a channel opened to guests."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from playbook.checks.disclosed import _secret_file
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.personal import EMAIL
from playbook.data import files as F
from playbook.data.markup import data_strings
from playbook.data.walk import blocks

_IPV4 = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?(?![\w]|\.\d)")
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?![\w:])", re.I)
# What a security finding is called: the attack, its technique, the hole, the accounts' missing protection. Matched at
# the start of a word, so each stands for its forms (attacked, attackers; compromised; vulnerable, vulnerability).
_SECURITY = re.compile(
    r"\b(?:attack|brute[- ]?forc|credential[- ]stuffing|password[- ]spray|breach|exploit|vulnerab|compromis|"
    r"intru(?:sion|der)|malware|ransomware|phish|ddos|denial[- ]of[- ]service|botnet|hack(?:er|ed|ing)|"
    r"(?:without|no|lack(?:ing)?|missing)\s+(?:two[- ]factor|2fa|mfa|multi[- ]factor))",
    re.I,
)


def disclosed(text: str) -> Iterator[tuple[str, str]]:
    """(what, the words) of each thing `text` tells the public that belongs to the responders."""
    for m in _IPV4.finditer(text):
        try:
            ipaddress.ip_network(m.group(0), strict=False)
        except ValueError:
            continue
        yield "an IP address", m.group(0)
    for m in _IPV6.finditer(text):
        try:
            ipaddress.ip_address(m.group(0))
        except ValueError:
            continue
        yield "an IP address", m.group(0)
    for m in EMAIL.finditer(text):
        yield "an account's address", m.group(0)
    for m in _SECURITY.finditer(text):
        yield "the security finding", m.group(0)


def public_texts(cat) -> Iterator[tuple[object, tuple, str]]:
    """(file, path, text) of each wording the data gives for the public status page: the template's message, and
    each illustration a step gives as the status page's update (its code opens with a comment naming it)."""
    yield F.INCIDENT, ("status_page", "message"), cat.incident.status_page.message
    for file, path, b in blocks(cat):
        first = b.code.lstrip().split("\n", 1)[0].lower()
        if b.kind == "illustration" and first.startswith("#") and "status page" in first:
            yield file, (*path, "code") if path[-1] != "code" else path, b.code


# A clause of a sentence: what one instruction says (a parenthesis, a semicolon or a sentence's end closes it).
_CLAUSE = re.compile(r"(?:[^.;!?()]|[.!?](?!\s|$))+")  # a dot inside a word (`.env.production`) goes on
_NEGATION = re.compile(r"\b(?:never|not|don't|do not|no)\b", re.I)
_CREDENTIAL = re.compile(
    r"\b(?:password|passphrase|passcode|api[ _-]?key|private key|secret|token|credentials?|(?:2fa|otp|mfa) code)s?\b",
    re.I,
)
_KEEPERS = re.compile(r"\b(?:password|secrets?|credentials?) (?:manager|vault|store)s?\b", re.I)
_SHARING = re.compile(r"\b(?:ask|post|paste|shar|send|sent|drop|put|giv|request|dm)\w*", re.I)
_KEEPING = re.compile(r"\b(?:commit|push|check(?:ed)? in|git add|upload|attach|paste|shar|post|send|e-?mail)\w*", re.I)
_FILE = re.compile(
    r"[\w./~-]*\.(?:env(?:\.[\w.-]+)?|netrc|pgpass|npmrc|pem|key)\b|[\w./~-]*\bid_(?:rsa|ed25519|ecdsa)\b"
)


# Who, outside the responders, a chat channel opened to them lets read it: guests, other organisations, everyone.
_OPEN = re.compile(
    r"\b(?:public|guests?|slack connect|shared with|external|partners?|"
    r"(?:whole|entire) (?:workspace|company|org\w*))\b",
    re.I,
)


def shared_secrets(text: str, channels: list[str]) -> Iterator[tuple[str, str]]:
    """(what, the words) of each clause of `text` that has a credential posted in a chat channel the data declares,
    or a file of secrets committed, uploaded or shared (a clause that forbids it, with never or not, is none)."""
    for m in _CLAUSE.finditer(text):
        clause = m.group(0)
        if _NEGATION.search(clause):
            continue
        channel = next((c for c in channels if re.search(rf"(?<![\w#]){re.escape(c)}(?![\w-])", clause)), None)
        named = _CREDENTIAL.search(_KEEPERS.sub("", clause))  # the password manager names where one is kept
        if channel and named and _SHARING.search(clause):
            yield f"a credential to be posted in {channel}", channel
        files = [f.group(0) for f in _FILE.finditer(clause) if _secret_file(f.group(0))]
        if files and (verb := _KEEPING.search(clause)):
            yield f"{files[0]}, a file of secrets, to be {verb.group(0).lower()}-ed", verb.group(0)


@rule(
    "SEC022",
    "error",
    "no sensitive data goes to a place others read: the public status page's wording gives no IP address, account, "
    "attack or exposed accounts; no step has a credential posted in a chat channel or a file of secrets committed; no "
    "declared chat channel is opened to guests, partners or the whole workspace",
    "The status page is public: an attacker reads it too. An address in it tells them they are seen and from where "
    "(so they move), an account's address names a person, and the attack's name or the accounts left unprotected "
    "(without two-factor sign-in) tell everyone which accounts are the easy ones, before security has assessed "
    "anything. The template speaks of the symptom users see (login issues) for a reason. A password posted in a "
    "chat channel the data declares stays in its history, search and exports, for every member and integration; a "
    "committed `.env` (every production secret of the app) stays in the repository's history for good. The "
    "responders' channels carry patient-affecting details, accounts, addresses and hosts: opened to guests or "
    "Slack Connect partners, they disclose them to people with no need to know.",
    "say what users see (login issues, slow pages) on the status page and keep the details for the incident "
    "channel; a credential goes through the password manager, a file of secrets stays out of the repository",
)
def public_status_wording(ctx: CheckContext, report: Reporter):
    for file, path, text in public_texts(ctx.catalog):
        for what, words in list(disclosed(text))[:1]:
            yield report(file, path, f"the public status wording gives {what} ({words})", needle=words)
    cat = ctx.catalog
    channels = sorted({c.name for c in cat.oncall.channels if re.fullmatch(r"#[\w-]+", c.name)}, key=len, reverse=True)
    for i, c in enumerate(cat.oncall.channels):  # incident details go there: the channel is the responders'
        if (m := _OPEN.search(c.purpose)) and not _NEGATION.search(c.purpose[: m.start()].rsplit(",", 1)[-1]):
            message = f"{c.name} is opened to {m.group(0)}: the incident details posted there go with it"
            yield report(F.ONCALL, ("channels", i, "purpose"), message, needle=m.group(0))
    for file, path, text in data_strings(cat):
        for what, words in list(shared_secrets(text, channels))[:1]:
            yield report(file, path, f"the step sends {what}", needle=words)
