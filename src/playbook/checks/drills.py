"""Checker rule on the scenarios' drills: a fault is large enough to produce what its drill expects."""

from __future__ import annotations

from collections.abc import Iterator
from string import Template

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.model import Metric
from playbook.data.model_drill import LEVELLED, Drill, DrillStep, Fault, whole


def _faults(drill: Drill) -> Iterator[tuple[tuple, Fault, list[DrillStep]]]:
    """(path of the fault in the scenario, fault, the steps run against it) of a drill and of each variant: a
    variant's steps replace the drill's for the same block, the others run as the drill's."""
    yield ("drill", "fault"), drill.fault, drill.steps
    for i, v in enumerate(drill.variants):
        own = {(s.runbook, s.step, s.block) for s in v.steps}
        kept = [s for s in drill.steps if (s.runbook, s.step, s.block) not in own]
        yield ("drill", "variants", i, "fault"), v.fault, [*v.steps, *kept]


def expected(fault: Fault, steps: list[DrillStep]) -> Iterator[tuple[str, int]]:
    """(what expects it, the count) of every count the drill expects the fault to have produced: the fault's
    metrics' at_least and the steps' number_at_least, with the fault's fields (${attempts}) put in."""
    fields = {k: str(v) for k, v in fault.model_dump().items() if isinstance(v, str | int)}
    wants = [(f"{m.name} at_least", m.at_least) for m in fault.metrics]
    wants += [(f"step {s.step} number_at_least", s.expect.number_at_least) for s in steps if s.expect.number_at_least]
    for what, text in wants:
        n = whole(Template(text).safe_substitute(fields))
        if n is not None:  # a count that is not a whole number fails the drill itself
            yield what, n


@rule(
    "DRILL001",
    "error",
    "a drill's fault is at least as large as every count its drill expects (at_least, number_at_least)",
    "A fault that makes 4 failed sign-ins cannot produce the 5 the drill expects: the drill then passes or fails by "
    "what the background traffic happens to add, and the runbook is no longer proven against the scenario it drills",
    "raise the fault's size (attempts, rows) to at least the largest count expected, or lower the expectation",
)
def fault_large_enough(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for sid, sc in cat.scenarios.items():
        if sc.drill is None:
            continue
        for path, fault, steps in _faults(sc.drill):
            if (size := fault.size) is None:
                continue
            field, n = size
            short = [(what, want) for what, want in expected(fault, steps) if want > n]
            if short:
                what, want = max(short, key=lambda x: x[1])
                at = (*path, field) if getattr(fault, field) is not None else path
                message = f"fault {fault.kind} makes {n} ({field}), fewer than the {want} its {what} expects"
                yield report(cat.source[sid], at, message)


_CROSSES = {">": float.__gt__, ">=": float.__ge__, "<": float.__lt__, "<=": float.__le__}


@rule(
    "DRILL002",
    "error",
    "the fault an alert's drill injects crosses that alert's threshold (db_slow's delay_ms past the avg_query_ms one)",
    "The alert drill proves that the alert fires on its scenario's fault: a fault that stays on the quiet side of the "
    "threshold (queries slowed to 520 ms under a 1000 ms alert) can never fire it, so the drill fails, or proves "
    "nothing once the expectation is loosened",
    "raise the fault (delay_ms) past the threshold in severities.yaml, or set the threshold back on the fault's "
    "side of it",
)
def fault_crosses_threshold(ctx: CheckContext, report: Reporter):
    # Reported at both ends: the threshold (severities.yaml) and the fault (the scenario's drill) are two facts
    # written apart, and either may be the one edited; each finding names the other line.
    from playbook.alerts.promnames import expand
    from playbook.data import files as F

    cat = ctx.catalog
    for al in cat.alerts.alerts:
        sc = cat.scenarios.get(al.scenario)
        if al.condition is None or sc is None or sc.drill is None:
            continue  # no threshold, or an unknown scenario (ALR004's)
        at, fault = ("drill", "fault"), sc.drill.fault
        for i, v in enumerate(sc.drill.variants):
            if al.drill == v.id:
                at, fault = ("drill", "variants", i, "fault"), v.fault
        field, unit = LEVELLED.get(fault.kind, (None, None))
        value = getattr(fault, field) if field else None
        units = {x.unit for x in expand(cat.data.metrics, al.metric.metric)}
        found = next(
            ((li, ci, c) for li, lv in enumerate(cat.severities.levels) if lv.id == al.condition.level
             for ci, c in enumerate(lv.conditions) if c.signal == al.condition.signal),
            None,
        )  # fmt: skip
        if value is None or units != {unit} or found is None or found[2].op not in _CROSSES:
            continue
        li, ci, cond = found
        if isinstance(cond.value, bool) or _CROSSES[cond.op](float(value), float(cond.value)):
            continue
        fault_at = (*at, field)
        sev_at = ("levels", li, "conditions", ci, "value")
        f_line, _ = cat.where(cat.source[sc.id], fault_at)
        s_line, _ = cat.where(cat.file(F.SEVERITIES), sev_at)
        yield report(
            F.SEVERITIES,
            sev_at,
            f"{al.title} fires when {al.condition.signal} {cond.op} {cond.value:g} {unit}, which the {fault.kind} "
            f"fault of its drill ({value} {unit}, {cat.source[sc.id]}:{f_line}) never reaches",
        )
        yield report(
            cat.source[sc.id],
            fault_at,
            f"{fault.kind} makes {value} {unit}, short of the threshold of {al.title}: {al.condition.signal} "
            f"{cond.op} {cond.value:g} {unit} ({cat.file(F.SEVERITIES)}:{s_line})",
        )


def _status_class(status: int) -> str:
    return f"{status // 100}xx"


def _takes(data, metric: Metric, match: dict[str, str]) -> bool:
    """Whether each label `match` names is one of the metric's, with a value it takes."""
    return all(
        k in metric.labels and ((vals := data.label_values(metric.name, k)) is None or v in vals)
        for k, v in match.items()
    )


def _moves(fault: Fault, metric: Metric, match: dict[str, str], paths: dict[str, str]) -> bool:
    """Whether the fault moves `metric` (its series under `match`), by the fault's own facts: a counter its
    `metrics:` expects, a metric in the unit its kind sets the level of (db_slow: ms), or, for each symptom probe
    answered with an error, the probe gauge of that endpoint and a series labelled by that status class (and, if
    the matcher names one, that endpoint's path)."""
    if metric.name in {m.name for m in fault.metrics}:
        return True
    if (lv := LEVELLED.get(fault.kind)) and metric.unit == lv[1]:
        return True
    for p in fault.symptoms:
        if p.status < 400:
            continue
        if metric.probe == p.endpoint:
            return True
        # the labels the matcher may name and the value this error response gives each: its status class, its path
        has = {k for k, v in metric.labels.items() if isinstance(v, list) and _status_class(p.status) in v}
        gives = {k: _status_class(p.status) for k in has}
        gives |= {k: paths.get(p.endpoint) for k, v in metric.labels.items() if getattr(v, "of", None) == "endpoints"}
        if has and all(gives.get(k) == v for k, v in match.items()):
            return True
    return False


@rule(
    "DRILL008",
    "error",
    "the drill an alert names injects a fault that moves the alert's metric (the slow-query alert, a slowing fault)",
    "An alert's drill proves it fires on its scenario's fault: a variant whose fault cannot move the alert's metric "
    "(a corrupt backup, every query failing, for an alert on the average query time) can never show the alert firing",
    "name the drill variant whose fault moves the alert's metric (its `metrics:`, its kind's measured unit, or a "
    "symptom answered with the error the metric counts), or drop `drill:` for the scenario's own drill",
)
def drill_moves_alert_metric(ctx: CheckContext, report: Reporter):
    from playbook.alerts.promnames import expand
    from playbook.data import files as F

    cat = ctx.catalog
    paths = {e.id: e.path for e in cat.data.endpoints}
    for i, al in enumerate(cat.alerts.alerts):
        sc = cat.scenarios.get(al.scenario)
        if sc is None or sc.drill is None:
            continue  # an unknown scenario is ALR004's; a scenario without a drill drills nothing
        fault, name = sc.drill.fault, f"{sc.id}'s drill"
        if al.drill is not None:
            found = [v for v in sc.drill.variants if v.id == al.drill]
            if not found:
                continue  # a variant the scenario does not have is another rule's
            fault, name = found[0].fault, f"drill variant {al.drill}"
        # a matcher on a label the metric lacks, or with a value the label does not take, is ALR007's and ALR010's
        metrics = [m for m in expand(cat.data.metrics, al.metric.metric) if _takes(cat.data, m, al.metric.match)]
        if not metrics or any(_moves(fault, m, al.metric.match, paths) for m in metrics):
            continue
        at = ("alerts", i, "drill" if al.drill is not None else "metric")
        # what the fault does move, as its data says: the editor sees which side to change
        moved = [m.name for m in fault.metrics] + [
            f"{p.endpoint} ({p.status})" for p in fault.symptoms if p.status >= 400
        ]
        yield report(
            F.ALERTS,
            at,
            f"{al.title} measures {al.metric.metric}, which the {fault.kind} fault of {name} does not move"
            + (f" (it moves {', '.join(moved)})" if moved else " (it names no metric and no failing probe)"),
        )
