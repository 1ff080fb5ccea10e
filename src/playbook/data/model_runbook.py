"""Typed models of runbooks, scenarios, the incident process, dashboard and decisions."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from playbook.data.model import Duration, Id, Strict, Text
from playbook.data.model_drill import Drill

BlockKind = Literal["shell", "sql", "jq", "typescript", "json", "chat", "output", "illustration"]


class Block(Strict):
    kind: BlockKind = Field(description="How CI checks this block; shown as the fence's `kind` attribute")
    title: str | None = Field(None, description="A label above the block (`**Title:**`), e.g. one part of a step")
    code: Text
    destructive: bool = Field(False, description="Changes production or data: danger box, confirmation prompt")
    manual: bool = Field(
        False, description="Needs production access (Vercel CLI, systemctl): drills list it, never run it"
    )
    changes: str | None = Field(
        None, description="Destructive blocks: what running it changes, and what is lost (shown in the danger box)"
    )
    undo: str | None = Field(None, description="Destructive blocks: how to undo it (shown in the danger box)")


class Option(Strict):
    title: Text
    text: str | None = None
    blocks: list[Block] = []


class Step(Strict):
    title: Text
    text: str | None = None
    items: list[Text] = []
    blocks: list[Block] = []
    options: list[Option] = []
    who: list[Id] = []
    verify: str | None = None
    decision_rule: bool = False
    keywords: list[Text] = []


class Query(Strict):
    title: Text
    code: Text


class Procedure(Strict):
    id: Id
    title: Text
    owner: Id
    review_every: Duration
    keywords: list[Text] = []
    intro: str | None = None
    target: Duration | None = None
    reasons: list[Text] = []
    steps: list[Step] = []
    queries: list[Query] = []


class Symptom(Strict):
    text: Text
    metrics: list[str] = []
    endpoint: Id | None = None


class Scenario(Strict):
    id: Id
    number: int
    title: Text
    incident_type: Id
    severity: Annotated[str, Field(pattern=r"^SEV-[1-9]$")]
    owner: Id
    review_every: Duration
    found_by: Literal["alert", "humans"]
    anchor_alias: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")] | None = Field(
        None, description="an extra anchor (an HTML id) for the scenario's alert section: lower case, digits, - _"
    )
    symptoms: list[Symptom] = Field(min_length=1)
    keywords: list[Text] = []
    synonyms: dict[str, list[str]] = {}
    steps: list[Step] = Field(min_length=1)
    params: dict[str, Duration] = {}
    drill: Drill | None = Field(None, description="How `playbook drill` breaks its stand-in and what each step shows")


# --- incident.yaml -------------------------------------------------------------
class StatusPage(Strict):
    status: Text
    message: Text
    note: Text


class DeclarationStep(Strict):
    id: Id
    title: Text
    chat: str | None = None
    items: list[Text] = []
    severity_actions: bool = False
    status_page: bool = False
    cadence: bool = False
    postmortem: bool = False


class Field_(Strict):
    name: Text
    placeholder: Text
    decision: Id | None = None


class Table(Strict):
    columns: list[Text]
    rows: list[list[str]]


class Subsection(Strict):
    heading: Text
    items: list[Text]


class Section(Strict):
    heading: Text
    placeholder: str | None = None
    example: str | None = None
    table: Table | None = None
    fields: list[Field_] = []
    subsections: list[Subsection] = []


class PublicHolidays(Strict):
    """Whose public holidays are no business days: a country and, optionally, one of its subdivisions.

    Checked against the holidays library when first used (incident.records.days_off_of), not at every
    load: importing its calendars would add almost half a second to every command."""

    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code, e.g. US, GB, FR, MA")
    subdivision: str | None = Field(None, description="a state or region of the country, e.g. CA (optional)")


class Postmortem(Strict):
    required_for: list[str]
    due_business_days: int = Field(gt=0)
    public_holidays: PublicHolidays | None = Field(
        None, description="the public holidays not counted as business days (none when absent)"
    )
    holidays: list[date] = Field([], description="other days not counted as business days (optional)")
    owner: Id
    title: Text
    fields: list[Field_]
    sections: list[Section]


class Incident(Strict):
    when_to_declare: list[Text]
    status_page: StatusPage
    declaration_steps: list[DeclarationStep]
    postmortem: Postmortem
    principles: list[Text]
    motto: Text
    remember: Text


# --- dashboard.yaml / decisions.yaml --------------------------------------------
class PanelItem(Strict):
    text: Text
    metrics: list[str] = Field(min_length=1)
    # How the Grafana panel queries the metrics (dashboards/clinical-os.json):
    by: Id | None = Field(None, description="Label to break the series down by (endpoint, category, ip …)")
    top: int | None = Field(None, gt=0, description="Show only the top N series (topk)")
    ratio: bool = Field(False, description="Plot 100 * rate(first metric) / rate(the others)")
    quantiles: list[float] = Field([], description="Histogram quantiles to plot (default 0.5, 0.95, 0.99)")
    mean: bool = Field(False, description="Histograms: also plot the average (sum / count)")
    show: Literal["timeseries", "stat"] = "timeseries"


class Panel(Strict):
    title: Text
    items: list[PanelItem]


class Tool(Strict):
    name: Text
    role: Text


class Tools(Strict):
    status: Text
    list: list[Tool]


class Dashboard(Strict):
    title: Text
    panels: list[Panel]
    tools: Tools


class Decision(Strict):
    id: Annotated[str, Field(pattern=r"^D-[a-z0-9-]+$")]
    topic: Text
    seed: Text
    decision: Text
    rule: str | None = None


class Decisions(Strict):
    decisions: list[Decision]
