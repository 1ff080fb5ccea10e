"""Checker rule on a decision rule's branches: on each bound they split the range in two, as the decision says."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.walk import runbooks

# What a branch says of the value against its bound, before the bound ("less than 1h") or after it ("1h or more")
_BEFORE = {
    "<": ("less than", "fewer than", "shorter than", "under", "below", "<"),
    ">": ("more than", "longer than", "greater than", "over", "above", ">"),
    ">=": ("at least", "no less than", "no shorter than", ">="),
    "<=": ("at most", "no more than", "no longer than", "up to", "<="),
}
_AFTER = {
    ">=": ("or more", "or longer", "or over", "or above", "and over", "and above", "or greater"),
    "<=": ("or less", "or fewer", "or shorter", "or under", "or below", "and under", "and below"),
}
_BOUND = r"(?P<bound>\{\{.*?\}\}|\d+(?:\.\d+)?\s*[A-Za-z%]*)"
_PHRASES = [(op, re.compile(rf"(?<![\w<>=])(?:{'|'.join(map(re.escape, ws))})\s+{_BOUND}", re.I)) for op, ws in
            _BEFORE.items()] + [(op, re.compile(rf"{_BOUND}\s+(?:{'|'.join(map(re.escape, ws))})\b", re.I)) for
                                op, ws in _AFTER.items()]  # fmt: skip
_COMPLEMENT = {"<": ">=", ">=": "<", "<=": ">", ">": "<="}
_PARAM = re.compile(r"""scenario_param\(\s*['"](\w+)['"]\s*\)|runbook\(\s*['"]([\w-]+)['"]\s*\)\.params\.(\w+)""")


def _key(bound: str, runbook: str) -> str:
    """What a bound is, whichever way it is written: a runbook's parameter (quoted from the runbook itself or from
    a decision), else its text."""
    if m := _PARAM.search(bound):
        return f"{m.group(2) or runbook}.params.{m.group(1) or m.group(3)}"
    return " ".join(bound.lower().split())


def spans(text: str, runbook: str) -> list[tuple[str, str, int]]:
    """(bound's key, operator, offset of the phrase) of every comparison with a bound the text makes."""
    found = {}
    for op, pattern in _PHRASES:
        for m in pattern.finditer(text):
            found.setdefault(m.start("bound"), (_key(m.group("bound"), runbook), op, m.start()))
    return [found[k] for k in sorted(found)]


@rule(
    "RUN012",
    "error",
    "the branches of a decision rule split each bound's range in two, the way the decision it cites says",
    "A decision rule ('less than 1 hour → wait', '1 hour or more → disable') is read under stress: two branches "
    "that both hold past the bound tell the responder to do both, and a range no branch holds (a short outage) "
    "tells them nothing; the decision that settled which side the bound itself is on is the one arbiter.",
    "make one branch the range below the bound and the other the rest ('less than X' and 'X or more'), on the side "
    "of the bound the runbook's decision gives",
)
def decision_rule_splits_its_range(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    decisions = {d.id: d for d in cat.decisions.decisions}
    for file, rb in runbooks(cat):
        decided = {}
        if (d := decisions.get(getattr(rb, "decision", None) or "")) is not None:
            decided = {key: op for key, op, _ in spans(d.decision, rb.id)}
        for i, step in enumerate(rb.steps):
            if not step.decision_rule:
                continue
            groups: dict[str, list[tuple[int, str]]] = {}
            for j, item in enumerate(step.items):
                for key, op, _ in spans(item, rb.id):
                    groups.setdefault(key, []).append((j, op))
            for key, branches in groups.items():
                ops = sorted(op for _, op in branches)
                if len(branches) < 2 or (len(branches) == 2 and _COMPLEMENT[ops[0]] == ops[1]):
                    continue
                said = decided.get(key)
                for j, op in branches:
                    if said and op in (said, _COMPLEMENT[said]) and ops.count(op) == 1:
                        continue  # the branch the decision backs: the others are wrong
                    message = f"the branches of step {i + 1} ({step.title}) on the same bound read "
                    message += f"{' and '.join(ops)}: they do not split its range in two"
                    if said:
                        message += f" (the decision {rb.decision} says {said})"
                    hint = f"write the range as {said} or {_COMPLEMENT[said]} of the bound" if said else ""
                    yield report(file, ("steps", i, "items", j), message, hint)
