"""The last drill results (data/drill_results.yaml): written by `playbook drill --record`, shown on the site."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import yaml

from playbook.data.files import DRILL_RESULTS
from playbook.data.model_drill import DrillResults, ScenarioResult, StepResult
from playbook.data.recorded import load_recorded
from playbook.data.seal import sealed

FILE = DRILL_RESULTS.name
RERUN = f"run: {DRILL_RESULTS.written_by}"
HEADER = (
    f"# yaml-language-server: $schema=schema/{DRILL_RESULTS.schema_file}\n"
    f"# Written by `{DRILL_RESULTS.written_by}`: the last result of each scenario's drill. Do not edit by hand.\n"
)


def results_path(data: Path | str) -> Path:
    """The results file of the data folder `data`."""
    return Path(data) / FILE


def load_results(data: Path | str) -> DrillResults | None:
    """The recorded results, validated (DataError with file:line:col on bad data); None if never recorded."""
    return load_recorded(results_path(data), DrillResults)


def fingerprint(cat, sid: str, variant: str | None = None) -> str:
    """`sha256:<hex>` of the canonical JSON of what the drill of scenario `sid` (or of its `variant`) runs, as loaded.

    That is: the steps of the scenario and of the procedures it follows (their blocks with templates expanded),
    its drill (expectations, follow), the fault it injects (the variant's, with the variant's expectations), and
    what the stand-in and the steps' environment read from the data: data/catalog.yaml, the placeholders of
    data/meta.yaml and the app's SQL schema. Not in it: the drill code itself (the tests run every drill) and
    anything the drill does not read, such as titles of scenarios or YAML lines.
    """
    sc = cat.scenarios[sid]
    spec = sc.drill
    var = next((v for v in spec.variants if v.id == variant), None) if spec else None
    fault = var.fault if var else spec.fault if spec else None
    schema = cat.project.app_schema
    ran = {
        "scenario": {"id": sid, "steps": [s.model_dump(mode="json") for s in sc.steps]},
        "drill": spec.model_dump(mode="json", exclude={"fault", "variants"}) if spec else None,
        "fault": fault.model_dump(mode="json") if fault else None,
        "variant": var.model_dump(mode="json", exclude={"fault"}) if var else None,
        "follows": [
            {"id": pid, "steps": [s.model_dump(mode="json") for s in cat.procedures[pid].steps]}
            for pid in (var.follow if var and var.follow is not None else spec.follow if spec else [])
            if pid in cat.procedures
        ],
        "stand_in": {
            "catalog": cat.data.model_dump(mode="json", exclude={"units"}),  # the stand-in runs no unit
            "placeholders": [p.model_dump(mode="json") for p in cat.meta.placeholders],
            "app_schema": schema.read_text(encoding="utf-8") if schema.is_file() else None,
        },
    }
    text = json.dumps(ran, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    # Written as a digest is named (OCI, npm): the algorithm, then the hex. A bare 64-hex value is what
    # detect-secrets' entropy detector takes for a key (SEC001); a named digest is not a credential.
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def result_of(outcome, cat) -> ScenarioResult:
    """A DrillOutcome (drill_run) as the data recorded for the site, with the fingerprint of what it ran."""
    return ScenarioResult(
        scenario=outcome.scenario,
        variant=outcome.variant,
        passed=outcome.passed,
        run=outcome.count("passed", "failed"),
        manual=outcome.count("manual", "external"),
        time_to_diagnosis_s=None if outcome.time_to_diagnosis is None else round(outcome.time_to_diagnosis, 2),
        diagnosed_at=outcome.diagnosed_at,
        steps=[StepResult(runbook=s.runbook, step=s.step, title=s.title, outcome=s.outcome) for s in outcome.steps],
        fingerprint=fingerprint(cat, outcome.scenario, outcome.variant),
    )


def drills(cat) -> list[tuple[str, str | None]]:
    """(scenario, variant) of every drill, in catalog order: the scenario's own drill, then its variants."""
    return [
        (sid, v)
        for sid, sc in cat.scenarios.items()
        for v in [None, *(x.id for x in (sc.drill.variants if sc.drill else []))]
    ]


def record(outcomes: list, cat) -> Path:
    """Merge these outcomes into the results file (scenarios in catalog order) and write it."""
    old = load_results(cat.project.data)
    by_id = {(r.scenario, r.variant): r for r in (old.results if old else [])}
    by_id |= {(o.scenario, o.variant): result_of(o, cat) for o in outcomes}
    results = DrillResults(date=datetime.now(UTC).date(), results=[by_id[k] for k in drills(cat) if k in by_id])
    path = results_path(cat.project.data)
    return write_recorded(path, HEADER, results.model_dump(mode="json", exclude_none=True))


def write_recorded(path: Path, header: str, body: dict) -> Path:
    """Write a recorded file (the drills', the alert drills'): its header, then its data sealed (data/seal.py)
    so that a field edited by hand is found at its line (rule FILE003)."""
    text = yaml.safe_dump(sealed(body), sort_keys=False, allow_unicode=True)
    path.write_text(header + text, encoding="utf-8")
    return path


def stale_results(cat) -> list[str]:
    """One line per drill whose recorded result the data no longer gives (its fingerprint differs, or it is
    missing, or its drill is gone), each ending with how to re-record; none when no drill was ever recorded.
    Raises DataError (located) when the results file is unusable."""
    results = load_results(cat.project.data)
    if results is None:
        return []
    file = cat.file(DRILL_RESULTS)  # as its problems name it: from the data folder that was loaded
    recorded = {(r.scenario, r.variant): r for r in results.results}
    wanted = drills(cat)
    out = []
    for sid, variant in [*wanted, *(k for k in recorded if k not in wanted)]:
        name = sid + (f" / {variant}" if variant else "")
        r = recorded.get((sid, variant))
        if r is None:
            why = "no result recorded"
        elif (sid, variant) not in wanted:
            why = "recorded, but the data has no such drill any more"
        elif r.fingerprint is None:
            why = "recorded without a fingerprint of what it ran"
        elif r.fingerprint != fingerprint(cat, sid, variant):
            why = "the data this drill runs changed since its result was recorded"
        else:
            continue
        out.append(f"{file}: drill {name}: {why}; {RERUN}")
    return out
