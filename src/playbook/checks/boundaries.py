"""Checker rules on what a decision's text says of the ladder it fixes: whose a boundary is, which levels."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.decided import lock

# What the text says a value on a boundary is: the milder level's (the range holds its upper bound), or the more
# severe level's (it holds its lower bound), each phrase weighed against the ladders its sentence quotes.
_SAYS = [
    (re.compile(r"\b(?:milder|less severe|lower severity|less serious)\b|\bupper bound", re.IGNORECASE), "milder"),
    (
        re.compile(r"\b(?:more severe|severer|worse|more serious|higher severity)\b|\blower bound", re.IGNORECASE),
        "severe",
    ),
]
_CONDITION = re.compile(r"condition\(\s*['\"]([\w-]+)['\"]\s*,\s*['\"](\w+)['\"]\s*\)")
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")


def _holds(op: str, value: float, upto: float | None, x: float) -> bool:
    low = {">": x > value, ">=": x >= value, "<": x < value, "<=": x <= value}.get(op, False)
    return low and (upto is None or x <= upto)


def boundary_sides(cat, signal: str) -> set[str]:
    """Whose each boundary of `signal`'s ladder is: "milder" (the less severe level holds it) or "severe"."""
    ranks = {lv.id: k for k, lv in enumerate(cat.severities.levels)}  # the most severe first
    conds = [(ranks[lv.id], c) for lv in cat.severities.levels for c in lv.conditions if c.signal == signal]
    conds = [(k, c) for k, c in conds if c.op != "is" and not isinstance(c.value, bool)]
    rising = [c.value for _, c in sorted(conds, key=lambda kc: kc[0]) if c.op in (">", ">=")]
    if rising != sorted(rising, reverse=True):
        return set()  # an inverted ladder has no "milder side": SEV001 says what is wrong with it
    out = set()
    for b in {x for _, c in conds for x in (c.value, c.upto) if x is not None}:
        at = [k for k, c in conds if b in (c.value, c.upto)]
        if len(at) < 2:
            continue  # a bound no other level shares is no boundary between two levels
        held = [k for k, c in conds if k in at and _holds(c.op, c.value, c.upto, b)]
        if len(held) == 1:
            out.add("milder" if held[0] == max(at) else "severe")
    return out


@rule(
    "DEC003",
    "error",
    "what a decision's text says a value on a boundary is (the milder or the more severe level's) is what the "
    "ladder's operators give",
    "The text is the one place a reader learns whether 20% is SEV-2 or SEV-3; `classify`, the alerts and the route "
    "tests follow the operators (> or >=, upto). A text saying the opposite of the operators sends the responder to "
    "the other level exactly at the threshold.",
    "make the text say whose the boundary is as the conditions' op: and upto: give it, or revisit the decision",
)
def decision_says_whose_boundary(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    file = cat.file(F.DECISIONS)
    lines = report.lines(file)
    for i in range(len(cat.decisions.decisions)):
        line, _ = cat.where(file, ("decisions", i, "decision"))
        if not 0 < line <= len(lines):
            continue
        text = lines[line - 1]
        for sentence in _SENTENCE.split(text):
            signals = {sig for _, sig in _CONDITION.findall(sentence)}
            said = [(m, side) for pattern, side in _SAYS for m in pattern.finditer(sentence)]
            for sig in sorted(signals) if said else []:
                sides = boundary_sides(cat, sig)
                for m, side in said:
                    if sides and side not in sides:
                        shown = {"milder": "the milder level's", "severe": "the more severe level's"}
                        msg = f"the text says {m.group(0)!r}: a value on a boundary is {shown[side]}, but {sig}'s "
                        msg += "conditions (op:, upto:) make it " + " and ".join(shown[s] for s in sorted(sides))
                        yield report.at(file, line, text.index(m.group(0)) + 1, msg)


_LEVEL = re.compile(r"\bSEV-\d+\b")


@rule(
    "DEC004",
    "error",
    "the severity levels a decision's text names are the levels of the `severities:` it fixes",
    "A decision that fixes who is brought in for which levels (the CTO for SEV-1 and SEV-2) says so in its text; "
    "the text read 'SEV-1, SEV-2 or SEV-3' while the escalation pages for two levels tells the SEV-3 responder that "
    "the CTO is coming, and the page shows both.",
    "name in the text the levels the fixed severities: hold (quoted or typed), or revisit the decision",
)
def decision_names_its_levels(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    file = cat.file(F.DECISIONS)
    lines = report.lines(file)
    fixed: dict[str, set[str]] = {}
    for did, values in lock(cat).values.items():
        for v in values:
            if v.name == "severities" and isinstance(v.value, list):
                fixed.setdefault(did, set()).update(map(str, v.value))
    known = {lv.id for lv in cat.severities.levels}
    for i, d in enumerate(cat.decisions.decisions):
        if d.id not in fixed:
            continue
        line, _ = cat.where(file, ("decisions", i, "decision"))
        text = lines[line - 1] if 0 < line <= len(lines) else d.decision
        named = set(_LEVEL.findall(_CONDITION.sub("", text))) & known
        extra, missing = named - fixed[d.id], fixed[d.id] - named
        if extra or missing:
            said = ", ".join(sorted(named)) or "no level"
            msg = f"{d.id}'s text names {said}, but the severities it fixes are {', '.join(sorted(fixed[d.id]))}"
            at = text.index(sorted(extra)[0]) + 1 if extra else 1
            yield report.at(file, line, at, msg)
