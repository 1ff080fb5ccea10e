"""Typed model of decisions.yaml: each contradiction of the seed, what was decided, and the rule that keeps it."""

from __future__ import annotations

from typing import Annotated

from playbook.data.model import Strict, Text
from playbook.data.patterns import worded


class Decision(Strict):
    id: Annotated[
        str, worded(r"^D-[a-z0-9-]+$", "a decision id", "D- and lower-case words joined by '-', e.g. D-health-path")
    ]
    topic: Text
    seed: Text
    decision: Text
    rule: str | None = None


class Decisions(Strict):
    decisions: list[Decision]
