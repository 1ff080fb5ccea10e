"""Typed model of data/alerts.yaml: alerts defined on severity conditions or scenario symptoms."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from playbook.data.kinds import Term, Value
from playbook.data.model import Duration, Id, Strict
from playbook.data.patterns import LabelName, SeverityId


class Series(Strict):
    metric: Value = Field(description="A catalog metric name, or a glob over them (write.*.error)")
    match: dict[LabelName, Value] = Field({}, description="Label matchers, e.g. {category: write}")


class ConditionRef(Strict):
    level: SeverityId
    signal: Id


class Alert(Strict):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, strict=True)

    title: Term = Field(description="Section heading; the alert name is its words joined (SystemDown)")
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
    drill: Id | None = Field(
        None, description="The scenario's drill variant whose fault this alert detects (default: its own drill)"
    )


class Smtp(Strict):
    smarthost: Value = Field(description="host:port of the mail relay (a placeholder until deployment)")
    sender: Value = Field(description="From address of alert e-mails")
    password_file: Value = Field(description="File holding the relay password on the Alertmanager host (never here)")


class Router(Strict):
    group_by: list[Value] = Field(min_length=1, description="Labels that group alerts into one notification")
    group_wait: Duration = Field(description="How long a new group waits for more alerts before it notifies")
    group_interval: Duration = Field(description="How long before a changed group notifies again")
    decision: Id = Field(description="The decision in decisions.yaml that justifies the timings")
    ticket_receiver: Id = Field(description="The non-paging receiver: SEV-4 and anything no route claims")
    slack_api_url_file: Value = Field(description="File holding the Slack webhook URL on the Alertmanager host")
    smtp: Smtp


class Alerts(Strict):
    window: Duration = Field(description="Rate window of every rate() in the rules")
    group: Id = Field(description="Prometheus rule group name")
    router: Router = Field(description="The Alertmanager routing generated from the escalation path")
    alerts: list[Alert] = Field(min_length=1)
