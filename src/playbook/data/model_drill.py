"""Typed models of a scenario's drill (fault, expected observations) and of the recorded drill results."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field

from playbook.data.kinds import History
from playbook.data.model import Id, Strict, Text
from playbook.data.patterns import worded

# A recorded run's fingerprint (drill/results.py, drill/alert_results.py): the SHA-256 of what it ran
Fingerprint = Annotated[
    str,
    worded(
        r"^sha256:[0-9a-f]{64}$", "a fingerprint", "sha256: and 64 hex digits, as playbook drill --record writes it"
    ),
]

# A recorded file's seal (data/seal.py): a short hash of each field of its record, as its writer wrote it
Seal = Annotated[
    str,
    worded(r"^[0-9a-f]{6}( [0-9a-f]{6})*$", "a seal", "6-hex-digit hashes, space-separated, as its writer writes them"),
]


def _seal() -> Any:
    return Field(None, description="one short hash per field, by the file's writer: a field edited by hand differs")


FaultKind = Literal[
    "db_corrupt", "db_missing", "db_slow", "auth_burst", "invalid_state_transitions", "ai_provider_down"
]


# The fields that size each fault kind, in order: the first one written says how many events (failed calls, rows
# written after the backup) the injection makes; a kind not here is not sized by a count.
SIZED: dict[str, tuple[str, ...]] = {
    "auth_burst": ("attempts",),
    "ai_provider_down": ("attempts",),
    "invalid_state_transitions": ("attempts", "rows"),
    "db_corrupt": ("rows",),
}
_UNSIZED = {"db_corrupt": 0}  # how many events a sized kind makes with none of its fields written (else 1)
# The fault field that sets the value every observation of the slowed metric takes, and its unit (db_slow: every
# query takes delay_ms): what an alert on that metric measures while the fault holds.
LEVELLED: dict[str, tuple[str, str]] = {"db_slow": ("delay_ms", "ms")}


def whole(text: str) -> int | None:
    """`text` as a whole number, or None: an expectation the data got wrong is a failed drill, not a traceback."""
    return int(text) if re.fullmatch(r"-?\d+", text.strip()) else None


class Probe(Strict):
    """An HTTP call the drill makes itself to the stand-in (not a runbook step), with the status it must get."""

    endpoint: Id = Field(description="endpoint id from catalog.yaml")
    status: int
    body: str | None = Field(None, description="JSON the response body must equal (templates allowed)")


class MetricAtLeast(Strict):
    name: Text = Field(description="a counter of catalog.yaml")
    at_least: str = Field(description="a number, templates allowed (e.g. '{{ limits.AUTH.requests }}')")


class Fault(Strict):
    kind: FaultKind
    ip: str | None = Field(None, description="auth_burst: the attacking client IP, sent as X-Forwarded-For")
    attempts: int | None = Field(None, gt=0, description="auth_burst: failed sign-ins sent; ai/write: calls made")
    status: str | None = Field(None, description="invalid_state_transitions: the invalid status written to rows")
    rows: int | None = Field(
        None,
        gt=0,
        description="invalid_state_transitions: how many rows get it; db_corrupt: notes written after the backup",
    )
    damage: Literal["header", "index"] = Field(
        "header",
        description="db_corrupt: the file header (`file is not a database`), or one index page (torn: rows survive)",
    )
    backup_corrupt: bool = Field(False, description="db_corrupt: the backup file is corrupted too")
    delay_ms: int | None = Field(None, gt=0, description="db_slow: how long every database query takes, in ms")
    side_files: bool = Field(
        False, description="db_corrupt: -wal and -shm files left beside it, as by a crashed writer"
    )
    symptoms: list[Probe] = Field([], description="what the drill checks right after injecting the fault")
    metrics: list[MetricAtLeast] = []

    @property
    def damaged(self) -> list[str]:
        """The files (as placeholders) the injection damages, whose bytes are the evidence of what went wrong: the
        database and its backup when corrupted, a crashed writer's -wal (its rows; the -shm is an index any reader
        rewrites, drill/faults.py)."""
        if self.kind != "db_corrupt":
            return []
        return [
            "$DB_PATH",
            *(["$DB_PATH-wal"] if self.side_files else []),
            *(["$DB_BACKUP"] if self.backup_corrupt else []),
        ]

    @property
    def size(self) -> tuple[str, int] | None:
        """(the field that sizes it, how many events the injection makes), None for a kind not sized by a count."""
        names = SIZED.get(self.kind, ())
        written = [(n, v) for n in names if (v := getattr(self, n)) is not None]
        return (written or [(n, _UNSIZED.get(self.kind, 1)) for n in names[:1]] or [None])[0]


class Action(Strict):
    """What the drill does to the stand-in in place of a manual step (e.g. the Vercel flag change)."""

    flag: Literal["true", "false"] | None = Field(
        None, description="the catalog's feature flag, set as the manual step (env change + redeploy) sets it"
    )
    provider: Literal["up", "down"] | None = Field(None, description="the simulated AI provider recovers or fails")
    app: Literal["stopped", "started"] | None = Field(
        None, description="the stand-in stops serving (opens no database file) or starts again, as the responder does"
    )
    database: Literal["restarted"] | None = Field(
        None, description="the database restarts (the runbook's manual restart): a slow one answers at speed again"
    )
    block_ip: str | None = Field(
        None, description="an IP put on the rate limit blocklist (a manual code change): refused with 429 from then on"
    )
    rows: Literal["repaired"] | None = Field(
        None, description="rows a faulty deploy left in a status outside the state machine are set back into it"
    )


class FirstMatch(Strict):
    regex: str = Field(description="searched line by line; the first matching line is checked")
    group: str = Field(description="what the regex's first group must be on that line (fault fields as ${name})")


class Expect(Strict):
    exit: int | Literal["nonzero", "any"] = 0
    stdout_contains: list[str] = []
    stdout_lacks: list[str] = []
    stdout_regex: list[str] = Field([], description="Python regexes searched in stdout (multiline)")
    stdout_equals: str | None = Field(None, description="the whole stdout (templates allowed)")
    stdout_json: str | None = Field(None, description="stdout parsed as JSON must equal this JSON text")
    stdout_json_has: dict[str, Any] = Field({}, description="keys the JSON stdout must have, with these values")
    stderr_contains: list[str] = []
    first_match: FirstMatch | None = None
    number_at_least: str | None = Field(None, description="stdout is one number, at least this (templates allowed)")
    after: list[Probe] = Field([], description="probes the drill makes once the step has run")


class DrillStep(Strict):
    step: int = Field(gt=0, description="1-based step number in the runbook")
    runbook: Id | None = Field(None, description="a procedure listed in `follow` (default: the scenario)")
    block: int = Field(1, gt=0, description="1-based index among the step's shell blocks")
    before: Action | None = Field(
        None, description="what the drill does before this block (stands in for a manual one)"
    )
    expect: Expect = Expect()
    diagnosis: bool = Field(False, description="this observation is the diagnosis: time to diagnosis stops here")
    stop: bool = Field(
        False, description="the runbook says stop here (the block fails as it must): no later block runs"
    )


class Variant(Strict):
    """The same runbook drilled with another fault: its expectations replace the drill's for the same block."""

    id: Id
    title: Text
    fault: Fault
    steps: list[DrillStep] = Field([], description="expectations that replace the drill's for the same block")
    unchanged: list[str] = Field(
        [], description="files ($DB_PATH-wal …) the runbook must leave byte for byte as the fault left them"
    )
    follow: list[Id] | None = Field(None, description="procedures followed instead of the drill's (none: [])")


class Drill(Strict):
    fault: Fault
    follow: list[Id] = Field([], description="procedures the responder follows after the scenario's steps")
    steps: list[DrillStep] = Field(min_length=1)
    variants: list[Variant] = Field([], description="other faults the same runbook is drilled against")
    fix: Action | None = Field(
        None,
        description="what the responder does once the runbook is walked, in place of a fix it gives in words "
        "(a code change, a blocklist entry); the alert drills apply it and wait for the alert to resolve",
    )


# --- drill_results.yaml ---------------------------------------------------------
class StepResult(Strict):
    runbook: Id
    step: int
    title: Text
    outcome: Literal["passed", "failed", "manual", "external", "stopped"]
    note: History | None = None
    seal: Seal | None = _seal()


class ScenarioResult(Strict):
    scenario: Id
    variant: Id | None = Field(None, description="the drill variant (another fault), if not the scenario's own drill")
    passed: bool
    run: int = Field(ge=0, description="shell blocks run")
    manual: int = Field(ge=0, description="blocks that stay manual (production, chat) or call an external host")
    time_to_diagnosis_s: float | None = Field(None, description="seconds from the fault to the diagnosis step's end")
    diagnosed_at: str | None = Field(None, description="the step whose observation is the diagnosis")
    steps: list[StepResult]
    fingerprint: Fingerprint | None = Field(
        None,
        description="the SHA-256 of what the drill ran, as loaded (the runbooks' steps, the drill, its fault, the "
        "stand-in's data); `playbook generate --check` reports the result stale when the data no longer gives it",
    )
    seal: Seal | None = _seal()


# A date its writer writes as text ('2026-12-03'): the one field read as text where a value is typed
WrittenDate = Annotated[date, Field(strict=False)]


class DrillResults(Strict):
    date: WrittenDate
    results: list[ScenarioResult]
    seal: Seal | None = _seal()


# --- alert_drill_results.yaml ------------------------------------------------------
class AlertResult(Strict):
    alert: Text = Field(description="the Prometheus alertname")
    severity: Text
    fired_after_s: float | None = Field(None, description="seconds from the fault to the first page (None: never)")
    receivers: list[Text] = Field(description="the receivers Alertmanager notified")
    expected_receivers: list[Text] = Field(description="who `playbook who` names at declaration for its level and type")
    runbook_url: str | None = Field(None, description="the runbook_url annotation the notification carried")
    resolved_after_s: float | None = Field(None, description="seconds from the runbook's end to the resolved notice")
    required: bool = Field(True, description="false: another scenario's alert for a symptom of this one (may fire)")
    seal: Seal | None = _seal()


class AlertRunResult(Strict):
    id: Text = Field(description="the run's `drill` label: the scenario, `.variant` for a variant's drill")
    scenario: Id
    variant: Id | None = None
    passed: bool
    alerts: list[AlertResult]
    false_alerts: list[Text] = Field([], description="alerts that fired and are no alert of this drill")
    fix: str | None = Field(None, description="what the drill's `fix:` did once the runbook was walked")
    fingerprint: Fingerprint | None = Field(
        None,
        description="the SHA-256 of what the run used (its drill, the generated rules and router, the bridge's "
        "series); `playbook generate --check` reports the result stale when the data no longer gives it",
    )
    seal: Seal | None = _seal()


class HealthyResult(Strict):
    false_alerts: list[Text] = Field(description="alerts that fired on the healthy stand-in (none, or a false page)")
    duration_s: float = Field(description="how long it ran under the same traffic")
    fingerprint: Fingerprint | None = None
    seal: Seal | None = _seal()


class AlertDrillResults(Strict):
    date: WrittenDate
    time_factor: float = Field(gt=0, description="every `for:`, rate window and router wait was divided by it")
    runs: list[AlertRunResult]
    healthy: HealthyResult
    seal: Seal | None = _seal()
