"""What an alert drill run must show and what it showed: its alerts, who they paged, when, and false alerts."""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from playbook.drill.alert_config import LABEL
from playbook.incident.routes import paged_at_declaration

HEALTHY = "_healthy"  # the run with no fault (not an id a scenario can have: ids have no underscore)


@dataclass(frozen=True)
class Run:
    """One alert drill run: a scenario's drill (or variant), the alerts that must fire, those that may."""

    name: str  # the `drill` label of its series and alerts
    scenario: str
    variant: str | None
    required: tuple = ()  # Resolved alerts of alerts/prometheus.py: they detect this drill's fault
    allowed: tuple = ()  # alerts of other scenarios whose metric is one of this scenario's symptoms


def runs_of(cat, resolved: list) -> list[Run]:
    """A run per scenario drill (or variant) that an alert names, in the order of the scenarios' drills."""
    out = []
    for sid, sc in cat.scenarios.items():
        for variant in [None, *(v.id for v in (sc.drill.variants if sc.drill else []))]:
            mine = tuple(a for a in resolved if a.scenario == sid and cat.alerts.alerts[a.index].drill == variant)
            if not mine:
                continue
            symptoms = [m for s in sc.symptoms for m in (s.metrics or [])]
            allowed = tuple(
                a for a in resolved if a.scenario != sid
                and any(fnmatchcase(x, cat.alerts.alerts[a.index].metric.metric) for x in symptoms)
            )  # fmt: skip
            out.append(Run(sid + (f".{variant}" if variant else ""), sid, variant, mine, allowed))
    return out


def expected_receivers(cat, severity: str, incident_type: str) -> list[str]:
    """Who `playbook who` names at declaration for the level and type; the ticket queue when nobody."""
    return paged_at_declaration(cat, severity, incident_type) or [cat.alerts.router.ticket_receiver]


@dataclass
class AlertResult:
    alert: str
    severity: str
    fired_after_s: float | None
    receivers: list[str]
    expected_receivers: list[str]
    runbook_url: str | None
    expected_runbook_url: str
    resolved_after_s: float | None
    required: bool = True  # False: another scenario's alert for a symptom of this one (it may fire)

    @property
    def passed(self) -> bool:
        if self.fired_after_s is None:
            return not self.required
        return (
            sorted(self.receivers) == sorted(self.expected_receivers)
            and self.runbook_url == self.expected_runbook_url
            and self.resolved_after_s is not None
        )


@dataclass
class RunOutcome:
    id: str
    scenario: str
    variant: str | None
    alerts: list[AlertResult] = field(default_factory=list)
    false_alerts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    duration_s: float | None = None
    fix: str = ""  # what the drill's `fix:` did after the runbook, if it has one

    @property
    def passed(self) -> bool:
        return all(a.passed for a in self.alerts) and not self.false_alerts and not self.problems


@dataclass
class AlertDrills:
    time_factor: float
    runs: list[RunOutcome]
    healthy: RunOutcome
    wall_s: float

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.runs) and self.healthy.passed


def _first(ns: list, after: float | None) -> float | None:
    times = [n.at - after for n in ns if after is not None and n.at >= after]
    return round(min(times), 2) if times else None


def outcome(cat, run: Run, stack, hooks, drilled, duration: float | None = None) -> RunOutcome:
    """The run's record, from every notification the webhooks got and Prometheus's ALERTS series."""
    ns = stack.hooks.where(**{LABEL: run.name})
    out = RunOutcome(run.name, run.scenario, run.variant, duration_s=round(duration, 1) if duration else None)
    known = set()
    for a, required in [*((a, True) for a in run.required), *((a, False) for a in run.allowed)]:
        firing = [n for n in ns if n.labels.get("alertname") == a.name and n.status == "firing"]
        if not required and not firing:
            continue
        known.add(a.name)
        resolved = [n for n in ns if n.labels.get("alertname") == a.name and n.status == "resolved"]
        want = expected_receivers(cat, a.severity, a.incident_type)
        got = list(dict.fromkeys(n.receiver for n in firing))
        out.alerts.append(AlertResult(
            a.name, a.severity, _first(firing, hooks.injected_at if hooks else None),
            sorted(got, key=lambda r: (want.index(r) if r in want else len(want), r)), want,
            firing[0].annotations.get("runbook_url") if firing else None, a.runbook_url,
            _first(resolved, hooks.fixed_at if hooks else None), required,
        ))  # fmt: skip
    paged = {n.labels.get("alertname", "") for n in ns if n.status == "firing"}
    span = f"{max(1, round(duration or 600))}s"
    fired = stack.query(
        f'count by (alertname) (max_over_time(ALERTS{{{LABEL}="{run.name}",alertstate="firing"}}[{span}]))'
    )
    out.false_alerts = sorted((paged | {r["metric"].get("alertname", "") for r in fired}) - known)
    if hooks:
        out.problems += hooks.problems
        out.fix = hooks.fix
    if drilled is not None and not drilled.passed:
        out.problems += [f"{s.label}: {s.note}" for s in drilled.steps if s.outcome == "failed"] + drilled.problems
    return out
