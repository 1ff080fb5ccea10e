"""Checker rule on the scenarios' drills: a fault is large enough to produce what its drill expects."""

from __future__ import annotations

from collections.abc import Iterator
from string import Template

from playbook.checks.engine import CheckContext, Reporter, rule
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
