"""Checker rule SEC022: what the data gives responders to post on the public status page names the symptom, never
what only the responders, or an attacker, may know (an address, an account, the attack, the weak accounts)."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.personal import EMAIL
from playbook.data import files as F
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


@rule(
    "SEC022",
    "error",
    "the wording given for the public status page names the symptom, not an IP address, an account, the attack or "
    "which accounts are exposed",
    "The status page is public: an attacker reads it too. An address in it tells them they are seen and from where "
    "(so they move), an account's address names a person, and the attack's name or the accounts left unprotected "
    "(without two-factor sign-in) tell everyone which accounts are the easy ones, before security has assessed "
    "anything. The template speaks of the symptom users see (login issues) for a reason.",
    "say what users see (login issues, slow pages) and when the next update comes; keep the details for the "
    "incident channel",
)
def public_status_wording(ctx: CheckContext, report: Reporter):
    for file, path, text in public_texts(ctx.catalog):
        for what, words in list(disclosed(text))[:1]:
            yield report(file, path, f"the public status wording gives {what} ({words})", needle=words)
