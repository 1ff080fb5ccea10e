"""The last drill results (data/drill_results.yaml): written by `playbook drill --record`, shown on the site."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import yaml

from playbook.data.files import DRILL_RESULTS
from playbook.data.load import read_yaml, validate
from playbook.data.markup import model_problems
from playbook.data.model_drill import DrillResults, ScenarioResult, StepResult
from playbook.data.positions import locate
from playbook.errors import DataError

FILE = DRILL_RESULTS.name
HEADER = (
    "# yaml-language-server: $schema=schema/drill_results.schema.json\n"
    "# Written by `playbook drill --all --record`: the last result of each scenario's drill. Do not edit by hand.\n"
)


def results_path(data: Path | str) -> Path:
    """The results file of the data folder `data`."""
    return Path(data) / FILE


def load_results(data: Path | str) -> DrillResults | None:
    """The recorded results, validated (DataError with file:line:col on bad data); None if never recorded."""
    path = results_path(data)
    if not path.exists():
        return None
    rel = f"{path.parent.name}/{FILE}"  # as findings name every data file: from the data folder's parent
    data, positions = read_yaml(path, rel)
    results = validate(DrillResults, data, rel, positions)
    problems = model_problems(results, rel, lambda path: locate(positions, path))
    if problems:  # shown on the drills page: the same boundary as the rest of the data
        raise DataError(problems)
    return results


def result_of(outcome) -> ScenarioResult:
    """A DrillOutcome (drill_run) as the data recorded for the site."""
    return ScenarioResult(
        scenario=outcome.scenario,
        variant=outcome.variant,
        passed=outcome.passed,
        run=outcome.count("passed", "failed"),
        manual=outcome.count("manual", "external"),
        time_to_diagnosis_s=None if outcome.time_to_diagnosis is None else round(outcome.time_to_diagnosis, 2),
        diagnosed_at=outcome.diagnosed_at,
        steps=[StepResult(runbook=s.runbook, step=s.step, title=s.title, outcome=s.outcome) for s in outcome.steps],
    )


def record(outcomes: list, cat) -> Path:
    """Merge these outcomes into the results file (scenarios in catalog order) and write it."""
    old = load_results(cat.project.data)
    by_id = {(r.scenario, r.variant): r for r in (old.results if old else [])}
    by_id |= {(o.scenario, o.variant): result_of(o) for o in outcomes}
    order = [(sid, v) for sid, sc in cat.scenarios.items() for v in [None, *(x.id for x in sc.drill.variants)]]
    results = DrillResults(date=datetime.now(UTC).date(), results=[by_id[k] for k in order if k in by_id])
    path = results_path(cat.project.data)
    body = yaml.safe_dump(results.model_dump(mode="json", exclude_none=True), sort_keys=False, allow_unicode=True)
    path.write_text(HEADER + body, encoding="utf-8")
    return path
