"""Typed model of routes.yaml: who must have been contacted, by when, for each case of the escalation."""

from __future__ import annotations

from pydantic import Field

from playbook.data.model import Duration, Id, Prose, Strict
from playbook.data.patterns import SeverityId


class RouteTest(Strict):
    severity: SeverityId
    elapsed: Duration
    type: Id | None = None
    acknowledged: bool = False
    expect: list[Id] = Field(description="every party id contacted by then, in any order")
    why: Prose


class Routes(Strict):
    tests: list[RouteTest]
