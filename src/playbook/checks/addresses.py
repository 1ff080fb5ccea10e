"""Checker rules on IP addresses in the data: each is one `ipaddress` reads (FILE016), none a global one (SEC030)."""

from __future__ import annotations

import ipaddress
import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.data.markup import free_strings

# Four dot-separated numbers standing alone (not part of a longer dotted number: a version, an OID), the shape of an
# IPv4 address: whatever else it could be, the reader takes it for one.
_QUAD = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w]|\.\d)")


def bad_addresses(text: str) -> list[tuple[int, str]]:
    """(offset, why) of each dotted quad of a data string that `ipaddress` refuses. A field is not judged by its name:
    `ip` is a metric's label as well as a drill's address (a label's `ip: any` says what it holds)."""
    out = []
    for m in _QUAD.finditer(text):
        try:
            ipaddress.IPv4Address(m.group())
        except ValueError as e:
            out.append((m.start(), str(e)))
    return out


@rule(
    "FILE016",
    "error",
    "an IP address in the data is one: a value shaped like an IPv4 address parses as one",
    "`ip: 203.0.113.700` (an octet above 255) is no address: a drill's burst cannot come from it, the group-by-IP "
    "count waits for an address no log can hold, and the fix puts an invalid address on the blocklist. Each dotted "
    "quad of the data (any field, code and text too) is read by Python's `ipaddress`.",
    "write the address as intended: four numbers from 0 to 255 without leading zeros (documentation addresses: "
    "192.0.2.x, 198.51.100.x, 203.0.113.x)",
)
def ip_addresses(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, text in free_strings(cat):
        for at, why in bad_addresses(text):
            yield _finding_at(cat, report, file, path, text, at, f"no IP address: {why}", column=True)


@rule(
    "SEC030",
    "error",
    "an IP address the data writes is one no one's connection holds: a documentation, private or loopback address",
    "A global address copied from a real log line (a clinician's home or practice connection, an attacker's host) is "
    "personal data, tied there to a user id or an attack, and the example is published on the page, in the binder, "
    "the search index and every clone. Deny by default: `ipaddress` must read each address as not global. Examples "
    "use the documentation blocks of RFC 5737 (192.0.2.x, 198.51.100.x, 203.0.113.x); the stand-in uses 127.0.0.1.",
    "use a documentation address (203.0.113.x) in examples, and 127.0.0.1 for what runs on this machine",
)
def no_global_addresses(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, text in free_strings(cat):
        for m in _QUAD.finditer(text):
            try:
                address = ipaddress.IPv4Address(m.group())
            except ValueError:  # FILE016 says so
                continue
            if address.is_global:
                message = f"{m.group()} is a global address: someone's connection"
                yield _finding_at(cat, report, file, path, text, m.start(), message, column=True)
