"""Typed model of decisions.yaml: each contradiction of the seed, what was decided, and the rule that keeps it."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from playbook.data.kinds import MARKDOWN, Quote, Value
from playbook.data.model import Prose, Strict
from playbook.data.patterns import worded


class Decision(Strict):
    id: Annotated[
        str, worded(r"^D-[a-z0-9-]+$", "a decision id", "D- and lower-case words joined by '-', e.g. D-health-path")
    ]
    topic: Quote  # names the seed's contradiction, often in the seed's words
    seed: Annotated[Quote, MARKDOWN]  # what the seed said, quoted as it says it (its code spans and emphasis)
    decision: Prose = Field(
        description="What was decided; a value it fixes is quoted from the data ({{ condition('SEV-2', "
        "'ai_error_rate') }}, {{ cadence('SEV-1') }}), never typed again"
    )
    rule: Value | None = None
    fixes: list[Value] = Field(
        [],
        description="The fields it fixes, of every item that cites it (decision: <id>), e.g. [value, upto] of a "
        "severity condition, [path] of an endpoint, [params.wait_limit] of a scenario. Changing one is an error "
        "(DEC002) until `playbook revisit <id>` records them again",
    )
    fingerprint: Value | None = Field(
        None,
        description="Written by `playbook revisit <id>` (never by hand, never by generate): a short hash of each "
        "value it fixes, in the order of the data",
    )


class Decisions(Strict):
    decisions: list[Decision]
