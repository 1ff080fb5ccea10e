"""Checker rule SEC031, deny by default: a text asks for, shows or keeps a person's identifiers only where reviewed."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.data import files as F
from playbook.data.markup import own_strings

# The identifiers of HIPAA's Safe Harbor method (45 CFR 164.514(b)(2)) that a text names in words: a person's name,
# address, dates, phone, e-mail, record and account numbers, addresses of their devices, photographs and recordings
# of them. Written as the identifier, not as a bad sentence: any text that names one is read, whatever it asks.
_IDENTIFIER = re.compile(
    r"""(?ix)(?<![\w/#.-])(?:
        (?:patient|user|clinician|doctor|person|customer|caller)(?:'s|s'|s)?[\s-]+(?:full[\s-]+)?(?:sur)?names?
      | (?:sur|first[\s-]|last[\s-]|full[\s-]|given[\s-]|family[\s-]|maiden[\s-])names?
      | names?\s+of\s+(?:the\s+)?(?:affected\s+)?(?:patients?|users?|clinicians?|persons?|people)
      | dates?\s+of\s+birth | birth[\s-]?dates? | DOB
      | (?:home|postal|street|mailing)\s+(?:address(?:es)?|towns?|city)
      | (?:e-?mail|phone|mobile|telephone|fax)\s+(?:address(?:es)?|numbers?)
      | social\s+security(?:\s+numbers?)? | SSNs? | (?:medical\s+)?record\s+numbers? | MRNs?
      | (?:insurance|health[\s-]plan|account)\s+(?:ids?|numbers?)
      | IP\s+address(?:es)?
      | screenshots? | screen\s+(?:recordings?|captures?) | session\s+(?:replays?|recordings?)
      | photo(?:graph)?s?\s+of | (?:voice|video|call)\s+recordings?
      | geolocation | GPS
    )(?![\w-])""",
)
# Where the playbook reviewed a person's identifier, by file and identifier (folded): the client IP address the log
# format keeps, and the auth-failure runbook's count of failed sign-ins by IP address, which find an attacker.
_REVIEWED = {
    (F.CATALOG.name, "client ip address"),
    ("auth-failure-spike.yaml", "ip address"),
}


def identifiers(text: str) -> list[tuple[int, str]]:
    """(offset, words) of each identifier of a person that `text` names."""
    return [(m.start(), m.group(0)) for m in _IDENTIFIER.finditer(text)]


def _reviewed(file: str, text: str, at: int, words: str) -> bool:
    name = file.rsplit("/", 1)[-1]
    folded = " ".join(words.lower().split())
    before = text[max(0, at - 7) : at].lower()
    return (name, folded) in _REVIEWED or (name, f"client {folded}") in _REVIEWED and before.endswith("client ")


@rule(
    "SEC031",
    "error",
    "no text asks for, shows or keeps a person's identifiers (a name, a birth date, an address, a phone number, an "
    "e-mail address, a record number, a screenshot or recording) but where the playbook reviewed it",
    "What an incident's texts ask for is copied into chat, the timeline, the post-mortem and the status page, read "
    "company-wide and kept for good: a template that asks for the patient's name, a step that keeps screenshots of "
    "records, a log field declared as the user's e-mail address or a tool that records sessions put health "
    "information about named people there. The runbooks count rows and show ids and statuses instead. Deny by "
    "default: a text that names one of HIPAA Safe Harbor's identifiers is refused until the playbook reviews that use "
    "(the client IP address of the log format and of the auth-failure runbook are).",
    "name the record by its id or count (note 123, 4 users), not by who it is about; if the use is needed and "
    "reviewed, add it to SEC031's reviewed uses",
)
def identifiers_where_reviewed(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, text in own_strings(cat):  # "ip address" in the search vocabulary is how a reader asks
        for at, words in identifiers(text):
            if not _reviewed(file, text, at, words):
                message = f"{words!r} names an identifier of a person"
                yield _finding_at(cat, report, file, path, text, at, message, column=True)
