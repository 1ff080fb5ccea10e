"""The last alert drills (data/alert_drill_results.yaml): written by `playbook drill --all --alerts --record`,
shown on the drills page, and verified by `playbook generate --check` through each run's fingerprint."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import yaml

from playbook.alerts.alertmanager import config_text
from playbook.alerts.bridge import produced
from playbook.alerts.prometheus import resolve, rules_text
from playbook.data.files import ALERT_DRILL_RESULTS
from playbook.data.model_drill import AlertDrillResults, AlertResult, AlertRunResult, HealthyResult
from playbook.data.recorded import load_recorded
from playbook.drill.alert_outcome import HEALTHY, runs_of
from playbook.drill.results import fingerprint as drill_fingerprint
from playbook.drill.results import write_recorded

FILE = ALERT_DRILL_RESULTS.name
RERUN = f"run: {ALERT_DRILL_RESULTS.written_by}"
HEADER = (
    f"# yaml-language-server: $schema=schema/{ALERT_DRILL_RESULTS.schema_file}\n"
    f"# Written by `{ALERT_DRILL_RESULTS.written_by}`: the last end-to-end alert drills. Do not edit by hand.\n"
)


def results_path(data: Path | str) -> Path:
    return Path(data) / FILE


def load_alert_results(data: Path | str) -> AlertDrillResults | None:
    """The recorded alert drills, validated (DataError with file:line:col); None if never recorded."""
    return load_recorded(results_path(data), AlertDrillResults)


def fingerprint(cat, run_id: str) -> str:
    """`sha256:<hex>` of what an alert drill run uses, as loaded: its alerts' generated rules, the router, the
    series the bridge exposes, and the scenario drill it runs (drill/results.py's fingerprint; for the healthy run, the
    stand-in's catalog). Not the drill code, which the tests run."""
    run = next((r for r in runs_of(cat, resolve(cat)) if r.name == run_id), None)
    (group,) = yaml.safe_load(rules_text(cat))["groups"]
    mine = {a.name for a in (*run.required, *run.allowed)} if run else None  # the healthy run: every rule
    used = {
        "rules": [r for r in group["rules"] if mine is None or r["alert"] in mine],
        "router": config_text(cat),
        "bridge": {k: sorted(v) for k, v in sorted(produced(cat.data.metrics).items())},
        "drill": drill_fingerprint(cat, run.scenario, run.variant) if run else None,
        "stand_in": cat.data.model_dump(mode="json", exclude={"search", "units"}) if run_id == HEALTHY else None,
    }
    text = json.dumps(used, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def as_record(drills, cat) -> AlertDrillResults:
    runs = [
        AlertRunResult(
            id=o.id, scenario=o.scenario, variant=o.variant, passed=o.passed,
            alerts=[AlertResult(
                alert=a.alert, severity=a.severity, fired_after_s=a.fired_after_s, receivers=a.receivers,
                expected_receivers=a.expected_receivers, runbook_url=a.runbook_url,
                resolved_after_s=a.resolved_after_s, required=a.required,
            ) for a in o.alerts],
            false_alerts=o.false_alerts, fix=o.fix or None, fingerprint=fingerprint(cat, o.id),
        )
        for o in drills.runs
    ]  # fmt: skip
    h = drills.healthy
    healthy = HealthyResult(
        false_alerts=h.false_alerts, duration_s=h.duration_s or 0, fingerprint=fingerprint(cat, HEALTHY)
    )
    return AlertDrillResults(date=datetime.now(UTC).date(), time_factor=drills.time_factor, runs=runs, healthy=healthy)


def record(drills, cat) -> Path:
    """Write the results of one `run_all` (every run at once: the file is replaced, not merged)."""
    body = as_record(drills, cat).model_dump(mode="json", exclude_none=True)
    return write_recorded(results_path(cat.project.data), HEADER, body)


def stale_alert_results(cat) -> list[str]:
    """One line per recorded run the data no longer gives (fingerprint differs, missing, gone); none when no
    alert drill was ever recorded. DataError (located) when the file is unusable."""
    results = load_alert_results(cat.project.data)
    if results is None:
        return []
    file = cat.file(ALERT_DRILL_RESULTS)
    recorded = {r.id: r.fingerprint for r in results.runs} | {HEALTHY: results.healthy.fingerprint}
    wanted = [r.name for r in runs_of(cat, resolve(cat))] + [HEALTHY]
    out = []
    for rid in [*wanted, *(k for k in recorded if k not in wanted)]:
        name = "the healthy run" if rid == HEALTHY else f"alert drill {rid}"
        if rid not in recorded:
            why = "no result recorded"
        elif rid not in wanted:
            why = "recorded, but no alert names this drill any more"
        elif recorded[rid] != fingerprint(cat, rid):
            why = "the data this run uses changed since its result was recorded"
        else:
            continue
        out.append(f"{file}: {name}: {why}; {RERUN}")
    return out
