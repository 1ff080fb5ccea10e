"""Checker rule on facts typed into prose: a duration, percentage, multiple or count is a data field, rendered."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.fact_fields import fact_fields, suggestions
from playbook.data.expand import EXPANDED
from playbook.data.kinds import prose
from playbook.data.markup import text_roots
from playbook.data.quantities import NUMBER_WORDS

_NUM = r"\d+(?:\.\d+)?"
_UNITS = r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|weeks?)"
# A span said in words ("two hours", "an hour", "fifteen minutes"): the same fact, spelt out
_SAID = "|".join(sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True))
# ... read where a template could render it instead (a file without templates may spell a span out: a route test's
# why, a search concept's why, where no field can be quoted)
SAID = re.compile(rf"\b(?:{_SAID})[\s-]+(?:seconds?|minutes?|hours?|days?|weeks?)\b", re.IGNORECASE)
# What the data holds as fields: durations (SLAs, windows, `for:`), percentages and multiples (severity
# thresholds), counts of requests or attempts (rate limits). Written in prose, each would be a second copy.
FACT = re.compile(
    rf"(?<![\w.]){_NUM}\s*{_UNITS}\b|{_NUM}\s*%|(?<![\w.]){_NUM}\s*x\b|\b(?:twice|thrice|double|triple)\b"
    rf"|\b(?:two|three|four|five|ten|{_NUM}) times\b|(?<![\w.]){_NUM} (?:requests|attempts|calls|retries)\b",
    re.IGNORECASE,
)
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1")  # shown as code, verbatim: a command, an example output


@rule(
    "FACT001",
    "error",
    "prose renders its thresholds, durations, multiples and counts from their data fields, never types them",
    "A number typed into a sentence is a second copy of a fact the data holds in a field: when the field changes "
    "(SEV-2's multiple of the baseline, a metric's window), the sentence keeps the old value and the site states "
    "both. Rendered with a template, the sentence follows the field.",
    "render it from its field with the template the finding's hint names (a metric's window, a level's condition, "
    "a rate limit's count or window, an alert's for:), or say it without the number",
)
def typed_facts(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    fields: list = []
    expanded = {cat.file(spec) for spec in EXPANDED} | {file for file, _ in cat.runbook_files()}
    for file, model in text_roots(cat):
        templated = set(getattr(cat.positions.get(file), "templated", ()))
        for path, text in prose(model):
            if path in templated:  # expanded in place: read what the file says, its templates left out
                line = cat.where(file, path)[0]
                text = _TEMPLATE.sub("", report.lines(file)[line - 1]) if report.lines(file) else ""
            shown = _CODE_SPAN.sub(lambda c: " " * len(c.group(0)), text)
            said = list(SAID.finditer(shown)) if file in expanded else []
            for m in [*FACT.finditer(shown), *said]:
                fields = fields or fact_fields(cat)
                found = suggestions(fields, m.group(0), _related(cat, model, path))
                hint = _hint(*found, templates=file in expanded)
                message = f"{m.group(0)!r} typed into prose: {text.strip()[:80]!r}"
                yield report(file, path, message, hint, needle=m.group(0))
                break


def _related(cat, model, path: tuple) -> set[str]:
    """The names a typed fact at `path` of `model` is likely about: the runbook, its alerts, the item's metrics."""
    names = set()
    if rid := getattr(model, "id", None):
        names |= {rid, *(a.title for a in cat.alerts.alerts if a.scenario == rid)}
    parent = model
    for key in path[:-1]:
        parent = parent[key] if isinstance(parent, list | dict) else getattr(parent, key, None)
        names |= {x for x in getattr(parent, "metrics", None) or () if isinstance(x, str)}
    return names


def _hint(exact: bool, found: list[str], templates: bool) -> str:
    """What to write instead, naming the fields the typed value copies (or resembles); "" for the rule's fix."""
    if not found:
        return ""
    names = " or ".join(found)
    if not templates:
        copy = "it copies" if exact else "it may mean"
        return f"{copy} {names}; this file renders no templates: say it without the number, or name the field"
    return f"render it from its field: {names}" if exact else f"render it from its field, did you mean {names}?"
