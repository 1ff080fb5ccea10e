"""Typed model of incident.yaml: the declaration steps, the status page and the post-mortem policy and template."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from playbook.data.kinds import Example, MarkdownText, Quote, Value
from playbook.data.model import Cites, Id, Prose, Strict, Text
from playbook.data.outputs import STATUS_MESSAGE
from playbook.data.patterns import worded

# --- incident.yaml -------------------------------------------------------------
# A public status page's incident states, in the order an incident goes through them (Atlassian Statuspage's,
# which most status pages copy): the message speaks for one of them.
STATUSES = ("Investigating", "Identified", "Monitoring", "Resolved")


class StatusPage(Strict):
    status: Literal[STATUSES] = Field(description="the incident's state the message speaks for: " + ", ".join(STATUSES))
    message: Annotated[Prose, STATUS_MESSAGE]
    note: Prose


class DeclarationStep(Strict):
    id: Id
    title: Text
    chat: Example | None = None
    items: list[Prose] = []
    severity_actions: bool = False
    status_page: bool = False
    cadence: bool = False
    postmortem: bool = False


class Field_(Strict):
    name: Text
    placeholder: Text
    decision: Cites = None


class Table(Strict):
    columns: list[Text]
    rows: list[list[Example]]  # the example post-mortem's action items, as the seed filled them in


class Subsection(Strict):
    heading: Text
    items: list[Example]  # the example post-mortem's lessons: its own incident's timings, not the playbook's


class Section(Strict):
    heading: Text
    placeholder: MarkdownText | None = None
    example: Example | None = None
    table: Table | None = None
    fields: list[Field_] = []
    subsections: list[Subsection] = []


class PublicHolidays(Strict):
    """Whose public holidays are no business days: a country and, optionally, one of its subdivisions.

    Checked against the holidays library when first used (incident.records.days_off_of), not at every
    load: importing its calendars would add almost half a second to every command."""

    country: str = worded(
        r"^[A-Z]{2}$",
        "a country code",
        "two capital letters (ISO 3166-1), e.g. US, GB or FR",
        description="ISO 3166-1 alpha-2 code, e.g. US, GB, FR, MA",
    )
    subdivision: Value | None = Field(None, description="a state or region of the country, e.g. CA (optional)")
    decision: Cites = None


class Postmortem(Strict):
    required_for: list[Value]
    due_business_days: int = Field(gt=0)
    public_holidays: PublicHolidays | None = Field(
        None, description="the public holidays not counted as business days (none when absent)"
    )
    holidays: list[date] = Field([], description="other days not counted as business days (optional)")
    owner: Id
    title: Text
    fields: list[Field_]
    sections: list[Section]
    decision: Cites = None  # D-business-hours: the seed's "within 3 business days" is due_business_days


class Incident(Strict):
    when_to_declare: list[Prose]
    status_page: StatusPage
    declaration_steps: list[DeclarationStep]
    postmortem: Postmortem
    principles: list[Prose]
    motto: Quote  # the team's motto, as the seed words it
    remember: Prose
