"""Typed models of contacts.yaml (roles and teams, how to reach them) and matrix.yaml (who owns each incident type)."""

from __future__ import annotations

import re
from typing import Annotated

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, Field

from playbook.data.kinds import VALUE, Value
from playbook.data.model import IDENTITY, TBD, Id, Known, Strict


def _email(v: str) -> str:
    """A well-formed address (syntax only: no DNS, no network), or TBD."""
    if v == TBD:
        return v
    try:
        validate_email(v, check_deliverability=False)
    except EmailNotValidError as e:
        raise ValueError(f"{v!r} is not an e-mail address: {e}; write one, or TBD") from None
    return v


def _slack_handle(v: str) -> str:
    if v != TBD and not re.fullmatch(r"@[a-z0-9][a-z0-9._-]{0,79}", v):
        raise ValueError(f"{v!r} is not a Slack handle: write @name (lower case, digits, . _ -), or TBD")
    return v


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
    phone: Known
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
