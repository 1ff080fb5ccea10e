"""Checker rule on the scenarios' drills: a fault is large enough to produce what its drill expects."""

from __future__ import annotations

from collections.abc import Iterator
from string import Template

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.model_drill import Drill, DrillStep, Fault, whole


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
