"""Typed models of runbooks: scenarios and procedures, their steps, blocks, options and symptoms."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator

from playbook.data.durations import parse_period
from playbook.data.kinds import CODE, VALUE, Code, MarkdownText, Term
from playbook.data.model import Cites, Duration, Id, Prose, Safe, Strict, Text
from playbook.data.model_drill import Drill
from playbook.data.outputs import ALERT_DESCRIPTION, SCRIPT_NOTE
from playbook.data.patterns import SeverityId, worded

BlockKind = Literal["shell", "sql", "jq", "typescript", "json", "chat", "output", "illustration"]


def _period(v: str) -> str:
    parse_period(v)
    return v


# A period of the calendar (how often a runbook is reviewed): whole days, never minutes mistaken for months
Period = Annotated[str, AfterValidator(_period), Field(description="whole days, e.g. 90d (m is minutes)"), VALUE]


class OnFailure(Strict):
    """What a runnable block's non-zero exit means, and whether the walk goes on (`playbook run`, the page)."""

    means: Prose = Field(
        description="What the failure tells the responder, and where to go next "
        "(e.g. 'no answer: the database is unreachable or corrupt; go on to step 2')"
    )
    next: Literal["continue", "stop"] = Field(
        "continue",
        description="continue: the failure is information, the walk goes on; stop: the block exits non-zero on "
        "purpose to protect something (a safety check), and the walk stops there",
    )


class Block(Strict):
    kind: BlockKind = Field(description="How CI checks this block; shown as the fence's `kind` attribute")
    title: str | None = Field(None, description="A label above the block (`**Title:**`), e.g. one part of a step")
    code: Code
    destructive: bool = Field(False, description="Changes production or data: danger box, confirmation prompt")
    safe: Safe | Id | None = Field(
        None,
        description="A runnable block that is not read-only (a test request that writes, a copy into a new "
        "folder) but changes nothing that matters: {covers: [the writing commands it excuses], why: shown with "
        "the block}, or the id of a shared reason (catalog.yaml safe_reasons). Every runnable block is read-only "
        "as its parse proves, destructive: true, or safe: (DEST001, DEST003)",
    )
    manual: bool = Field(
        False, description="Needs production access (Vercel CLI, systemctl): drills list it, never run it"
    )
    changes: Annotated[MarkdownText, SCRIPT_NOTE] | None = Field(
        None, description="Destructive blocks: what running it changes, and what is lost (shown in the danger box)"
    )
    undo: Annotated[MarkdownText, SCRIPT_NOTE] | None = Field(
        None, description="Destructive blocks: how to undo it (shown in the danger box)"
    )
    on_failure: OnFailure | None = Field(
        None, description="What a non-zero exit means and whether to go on (shown under the block, used by run)"
    )
    confirm: (
        Annotated[
            str,
            worded(
                r"^[a-z0-9][a-z0-9 -]{0,38}[a-z0-9]$",
                "a word to type",
                "2 to 40 lower-case letters, digits, spaces and '-', e.g. restore the database",
            ),
        ]
        | None
    ) = Field(
        None,
        description="Destructive blocks: what a person types for `playbook run` to run it (default: the block's "
        "title, else its step's, in lower case without its number)",
    )

    @field_validator("safe", mode="before")
    @classmethod
    def _safe_names_what_it_covers(cls, v: object) -> object:
        if isinstance(v, str) and " " in v.strip():  # a reason written as it was before it was bound (issue 24)
            raise ValueError(
                "safe: is {covers: [the writing commands it excuses], why: the reason}, or the id of a shared "
                "reason in catalog.yaml safe_reasons"
            )
        return v

    @field_validator("safe")
    @classmethod
    def _safe_is_for_blocks_not_destructive(cls, v: Safe | str | None, info: ValidationInfo) -> Safe | str | None:
        if v is not None and info.data.get("destructive"):
            raise ValueError("safe: says why a block that is not destructive may run: drop it, or destructive: true")
        return v

    @model_validator(mode="after")
    def _confirm_is_for_destructive_blocks(self) -> Block:
        if self.confirm is not None and not self.destructive:
            raise ValueError("confirm is the word typed to run a destructive block: add destructive: true, or drop it")
        return self


class Option(Strict):
    title: Text
    text: MarkdownText | None = None
    blocks: list[Block] = []


class Step(Strict):
    title: Text
    text: MarkdownText | None = None
    items: list[Prose] = []
    blocks: list[Block] = []
    options: list[Option] = []
    who: list[Id] = []
    verify: MarkdownText | None = None
    decision_rule: bool = False
    keywords: list[Term] = []


class Query(Strict):
    title: Text
    code: Code


class Procedure(Strict):
    id: Id
    title: Text
    owner: Id
    review_every: Period
    keywords: list[Term] = []
    intro: MarkdownText | None = None
    target: Duration | None = None
    reasons: list[Prose] = []
    steps: list[Step] = []
    queries: list[Query] = []
    params: dict[str, Duration] = Field(
        {}, description="Named durations its text and code render: {{ procedure_param('slow_request') }}"
    )
    decision: Cites = None


class Symptom(Strict):
    text: Annotated[Prose, ALERT_DESCRIPTION]
    metrics: list[str] = []
    endpoint: Id | None = None
    over: int | None = Field(
        None, ge=0, le=100, description="The share of operations failing (%) past which it holds, shown as (>N%)"
    )

    @property
    def shown(self) -> str:
        """What follows the text on the page: the share past which the symptom holds, if it names one."""
        return "" if self.over is None else f" (>{self.over}%)"


class Scenario(Strict):
    id: Id
    number: int
    title: Text
    incident_type: Id
    severity: SeverityId
    owner: Id
    review_every: Period
    found_by: Literal["alert", "humans"]
    anchor_alias: (
        Annotated[
            str, worded(r"^[a-z0-9][a-z0-9_-]*$", "an anchor", "lower-case letters, digits, '-' and '_', e.g. ai-down")
        ]
        | None
    ) = Field(
        None, description="an extra anchor (an HTML id) for the scenario's alert section: lower case, digits, - _"
    )
    symptoms: list[Symptom] = Field(min_length=1)
    keywords: list[Term] = []
    synonyms: dict[Term, list[Term]] = {}
    steps: list[Step] = Field(min_length=1)
    params: dict[str, Duration] = {}
    drill: Annotated[Drill | None, CODE] = Field(
        None, description="How `playbook drill` breaks its stand-in and what each step shows"
    )
    decision: Cites = None
