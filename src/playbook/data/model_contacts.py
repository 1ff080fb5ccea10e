"""Typed models of contacts.yaml (roles and teams, how to reach them) and matrix.yaml (who owns each incident type)."""

from __future__ import annotations

import re
from typing import Annotated

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, Field

from playbook.data.kinds import VALUE, Value
from playbook.data.model import IDENTITY, TBD, Id, Known, Strict

# The characters a mailbox's name holds at the providers an organisation uses: letters, digits and `. _ + -`. RFC 5322
# allows more (`/`, `!`, `{`…), which no role mailbox has: a `//` or `{{` there is a slip (`mailto://…`), never a name.
_MAILBOX = re.compile(r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*")


def email_problem(address: str, *, test_domain: bool = False) -> str:
    """What makes `address` no e-mail address a mail server delivers ('' when nothing): its syntax (email_validator,
    no DNS, no network), and a mailbox name of letters, digits and `. _ + -` only; `test_domain`: one under `.test`
    (RFC 2606) passes, as an example's."""
    try:
        validate_email(address, check_deliverability=False, test_environment=test_domain)
    except EmailNotValidError as e:
        return str(e)
    if not _MAILBOX.fullmatch(address.rpartition("@")[0]):
        return "the name before the @-sign holds a character no mailbox has (only letters, digits and . _ + -)"
    return ""


def _email(v: str) -> str:
    """A well-formed address (`email_problem`), or TBD."""
    if v != TBD and (problem := email_problem(v)):
        raise ValueError(f"{v!r} is not an e-mail address: {problem}; write one, or TBD")
    return v


def _slack_handle(v: str) -> str:
    if v != TBD and not re.fullmatch(r"@[a-z0-9][a-z0-9._-]{0,79}", v):
        raise ValueError(f"{v!r} is not a Slack handle: write @name (lower case, digits, . _ -), or TBD")
    return v


def _phone(v: str) -> str:
    """A number in international form that phonenumbers reads as one, or TBD: `playbook who` and the Contacts page
    print it for a reader to dial at 3 a.m."""
    if v == TBD:
        return v
    import phonenumbers  # imported only for a phone that is set: with every phone TBD, loading needs it not

    try:
        number = phonenumbers.parse(v, None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise ValueError(f"{v!r} is not a phone number: write it in international form (+44 20 7946 0000), or TBD")
    return v


Phone = Annotated[str, Field(min_length=1, description="A phone number (+CC …), or TBD"), AfterValidator(_phone), VALUE]
Email = Annotated[str, AfterValidator(_email), Field(description="An e-mail address, or TBD"), VALUE]
SlackHandle = Annotated[
    str, AfterValidator(_slack_handle), Field(description="A Slack handle such as @oncall, or TBD"), VALUE
]


# --- contacts.yaml / matrix.yaml ---------------------------------------------

# A role's `person` when the role passes from one person to the next (the on-call rota): nobody's own details.
ROTATING = "Rotating"


class Role(Strict):
    id: Id
    name: Value
    person: Known
    email: Email
    phone: Phone
    slack: SlackHandle = Field(json_schema_extra=IDENTITY)


class Team(Strict):
    id: Id
    name: Value
    lead: Known
    channel: Known = Field(json_schema_extra=IDENTITY)


class Contacts(Strict):
    roles: list[Role]
    teams: list[Team]


class IncidentType(Strict):
    id: Id
    name: Value
    primary: Id
    secondary: Id
    escalation: list[Id] = Field(min_length=1)


class Matrix(Strict):
    incident_types: list[IncidentType]
