"""Typed models of runbooks: scenarios and procedures, their steps, blocks, options and symptoms."""

from __future__ import annotations

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
