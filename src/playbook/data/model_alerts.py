"""Typed model of data/alerts.yaml: alerts defined on severity conditions or scenario symptoms."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from playbook.data.model import Duration, Id, Strict, Text


class Series(Strict):
    metric: Text = Field(description="A catalog metric name, or a glob over them (write.*.error)")
    match: dict[str, str] = Field({}, description="Label matchers, e.g. {category: write}")


class ConditionRef(Strict):
    level: Annotated[str, Field(pattern=r"^SEV-[1-9]$")]
    signal: Id


class Alert(Strict):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    title: Text = Field(description="Section heading; the alert name is its words joined (SystemDown)")
    scenario: Id = Field(description="The scenario whose runbook the alert links to")
    condition: ConditionRef | None = Field(
        None, description="The severity condition whose value is the threshold (and whose level is the severity)"
    )
    symptom: int | None = Field(None, ge=0, description="Index of the scenario symptom this alert detects")
    measure: Literal["ratio", "mean", "down"] = Field(
        description="ratio: 100 * rate(metric) / rate(per); mean: histogram sum / count; down: gauge == 0"
    )
    metric: Series
    per: list[Series] = Field([], description="Denominator series of a ratio")
    anchor: Id | None = Field(None, description="Section of the scenario page to link (default: its Runbook heading)")
    for_: Duration = Field(alias="for", description="How long the condition must hold before the alert fires")


class Alerts(Strict):
    window: Duration = Field(description="Rate window of every rate() in the rules")
    group: Id = Field(description="Prometheus rule group name")
    alerts: list[Alert] = Field(min_length=1)
