"""Typed model of decisions.yaml: each contradiction of the seed, what was decided, and the rule that keeps it."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from playbook.data.model import Strict, Text


class Decision(Strict):
    id: Annotated[str, Field(pattern=r"^D-[a-z0-9-]+$")]
    topic: Text
    seed: Text
    decision: Text
    rule: str | None = None


class Decisions(Strict):
    decisions: list[Decision]
