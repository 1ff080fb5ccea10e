"""Checker rule on facts typed into prose: a duration, percentage, multiple or count is a data field, rendered."""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.markup import text_roots
from playbook.data.model import Facts

_NUM = r"\d+(?:\.\d+)?"
_UNITS = r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|weeks?)"
# What the data holds as fields: durations (SLAs, windows, `for:`), percentages and multiples (severity
# thresholds), counts of requests or attempts (rate limits). Written in prose, each would be a second copy.
FACT = re.compile(
    rf"(?<![\w.]){_NUM}\s*{_UNITS}\b|{_NUM}\s*%|(?<![\w.]){_NUM}\s*x\b|\b(?:twice|thrice|double|triple)\b"
    rf"|\b(?:two|three|four|five|ten|{_NUM}) times\b|(?<![\w.]){_NUM} (?:requests|attempts|calls|retries)\b",
    re.IGNORECASE,
)
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def _is_prose(annotation: Any) -> bool:
    for t in [annotation, *typing.get_args(annotation)]:
        if typing.get_origin(t) is typing.Annotated and any(isinstance(m, Facts) for m in t.__metadata__):
            return True
    return False


def prose(obj: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, text) of every string of a field declared `Prose` in `obj`, at any depth."""
    if isinstance(obj, BaseModel):
        fields = type(obj).model_fields
        for name, f in fields.items():
            value = getattr(obj, name)
            key = f.alias or name
            if isinstance(value, str) and (_is_prose(f.annotation) or any(isinstance(m, Facts) for m in f.metadata)):
                yield (*path, key), value
            else:
                yield from prose(value, (*path, key))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from prose(v, (*path, i))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from prose(v, (*path, k))


@rule(
    "FACT001",
    "error",
    "prose renders its thresholds, durations, multiples and counts from their data fields, never types them",
    "A number typed into a sentence is a second copy of a fact the data holds in a field: when the field changes "
    "(SEV-2's multiple of the baseline, a metric's window), the sentence keeps the old value and the site states "
    "both. Rendered with a template, the sentence follows the field.",
    "render it from its field, e.g. {{ duration(metric('auth.active_users').window) }}, "
    "{{ condition('SEV-2', 'p95_vs_baseline') }}, {{ limits.AUTH.requests }}; or say it without the number",
)
def typed_facts(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, model in text_roots(cat):
        templated = set(getattr(cat.positions.get(file), "templated", ()))
        for path, text in prose(model):
            if path in templated:  # expanded in place: read what the file says, its templates left out
                line = cat.where(file, path)[0]
                text = _TEMPLATE.sub("", report.lines(file)[line - 1]) if report.lines(file) else ""
            for m in FACT.finditer(text):
                yield report(file, path, f"{m.group(0)!r} typed into prose: {text.strip()[:80]!r}", needle=m.group(0))
                break
