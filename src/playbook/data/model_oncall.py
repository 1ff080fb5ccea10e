"""Typed models of oncall.yaml: channels, the shift, business hours, responsibilities and the escalation path."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from playbook.data.kinds import Value
from playbook.data.model import IDENTITY, Cites, Duration, Prose, Strict
from playbook.data.outputs import ESCALATION_REASON
from playbook.data.patterns import ClockEnd, ClockTime, Id


class Channel(Strict):
    id: Id
    name: Value = Field(json_schema_extra=IDENTITY)
    purpose: Prose


class Shift(Strict):
    rotation: Duration
    role: Id
    contact_channel: Id


class Responsibility(Strict):
    text: Prose
    channels: list[Id] = []
    more_channels: bool = False
    decision: Cites = None


class EscalationLevel(Strict):
    level: int
    role: Id
    trigger: Annotated[Prose, ESCALATION_REASON]
    severities: list[Value]
    after: Duration | Literal["ack-sla"]
    only_if_unacknowledged: bool = False
    responds_within: Literal["ack-sla"] | Duration | None = None
    decision: Cites = None


Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class BusinessHours(Strict):
    timezone: Value = Field(description="IANA time zone of the business hours, e.g. UTC or Europe/Paris")
    weekdays: list[Weekday] = Field(min_length=1)
    start: ClockTime
    end: ClockEnd
    decision: Cites = None


class OnCall(Strict):
    channels: list[Channel]
    shift: Shift
    business_hours: BusinessHours
    responsibilities: list[Responsibility]
    escalation: list[EscalationLevel]
