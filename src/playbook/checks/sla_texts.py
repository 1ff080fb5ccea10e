"""Checker rule on the SLAs a text states (the 15-minute SEV-2 acknowledge SLA): each is the level's own value."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.checks.mentions import named_levels
from playbook.data.durations import parse_duration
from playbook.data.markup import free_strings
from playbook.data.quantities import SPAN, spans

# Which clock of a level a text names, and the field of severities.yaml that holds it
_KIND = r"(?P<kind>ack(?:nowledge(?:ment)?)?|resol(?:ve|ution)|updates?)"
_FIELDS = {"ack": "ack", "resol": "resolve", "updat": "update_every"}
_LEVEL = r"(?P<level>[A-Za-z]+[- ]?\d)"
# "the 15-minute SEV-2 acknowledge SLA", "a 4 hour resolve SLA"; "the SEV-1 acknowledge SLA (5 minutes)"
_BEFORE = re.compile(rf"{SPAN}\s+(?:{_LEVEL}\s+)?{_KIND}\s+SLAs?\b", re.IGNORECASE)
_AFTER = re.compile(rf"{_LEVEL}\s+{_KIND}\s+SLAs?\s*(?:of|is|:|\(|=)\s*{SPAN}", re.IGNORECASE)
_CLAUSE = re.compile(r"[^.;!?]+")


def _field(kind: str) -> str:
    return next(f for prefix, f in _FIELDS.items() if kind.lower().startswith(prefix))


@rule(
    "SLA005",
    "error",
    "a span a text gives a level's acknowledge, resolve or update SLA is that level's value in severities.yaml",
    "A reason, a note or a decision that restates an SLA in words ('inside the 1-hour SEV-3 acknowledge SLA') is "
    "read beside the ladder; when severities.yaml changes and the text does not, or the text is retyped, the page "
    "gives the responder two deadlines for one clock.",
    "write the level's value, or, in a file that renders templates, render it from the data (duration of the level's "
    "field)",
)
def stated_slas(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    levels = {lv.id: lv for lv in cat.severities.levels}
    for file, path, text in free_strings(cat):
        if "SLA" not in text.upper():
            continue
        for clause in _CLAUSE.finditer(text):
            for m in [*_BEFORE.finditer(clause.group()), *_AFTER.finditer(clause.group())]:
                named = named_levels(cat, m["level"]) if m["level"] else named_levels(cat, clause.group())
                if len(named) != 1:
                    continue  # no level, or two: the clause does not say whose SLA it is
                field = _field(m["kind"])
                value = getattr(levels[named[0]], field, None)
                stated = spans(m.group())
                if value is None or len(stated) != 1:
                    continue
                if stated[0][0] != parse_duration(value).total_seconds():
                    at = clause.start() + m.start("n")
                    message = f"the text gives {named[0]}'s {field} SLA as {stated[0][1]!r}; "
                    message += f"severities.yaml says {value}"
                    yield _finding_at(cat, report, file, path, text, at, message)
