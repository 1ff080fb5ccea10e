"""Checker rule on code its text says answers the refused response: it returns that response, whole (RUN015)."""

from __future__ import annotations

import json
import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.data.markup import free_strings
from playbook.data.walk import blocks

_PROMISE = re.compile(r"(?i)\brefused\s+response\b")
_CODE_KINDS = {"typescript", "javascript", "ts", "js", "tsx", "jsx"}
_THROW = re.compile(r"\bthrow\b")
_RETURN = re.compile(r"\breturn\b")


def _literal(value) -> str:
    """A JSON value as TypeScript writes it in an object literal: quoted strings in either quote."""
    if isinstance(value, str):
        return rf"""['"`]{re.escape(value)}['"`]"""
    return re.escape(json.dumps(value))


def missing(code: str, response: dict) -> list[str]:
    """The keys of `response` the code's object literal does not give their value (`refused: true`)."""
    return [
        k for k, v in response.items() if not re.search(rf"""['"]?\b{re.escape(k)}\b['"]?\s*:\s*{_literal(v)}""", code)
    ]


def where(code: str, key: str | None) -> tuple[int, int]:
    """The line and column to report at: a throw (the response replaced by an error), else the line that gives the
    first missing key another value, else the first return, else the first line."""
    lines = code.split("\n")
    for pattern in (_THROW, re.compile(rf"\b{re.escape(key)}\b\s*:") if key else None, _RETURN):
        for n, line in enumerate(lines, 1):
            if pattern is not None and (m := pattern.search(line)) and not line.lstrip().startswith("//"):
                return n, m.start() + 1
    return 1, 1


@rule(
    "RUN015",
    "error",
    "code whose text says it answers the refused response (an option's text, its block's changes:) returns the "
    "flag's refused_response, every field of it, and throws nothing",
    "The option's text promises that every AI call answers the refused response, which the note screen shows as "
    "'AI temporarily disabled'. Code that throws instead makes every AI endpoint answer 500: the screen gets an "
    "error, the HTTP error rate climbs (the error-rate alerts may fire on the kill switch itself) and the verify "
    "step's expected output never appears.",
    "return the refused response (the ts_refused() template renders it), as the text says",
)
def refused_as_said(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    responses = [f.refused_response for f in cat.data.feature_flags if f.refused_response]
    if not responses:
        return
    texts = {(f, p): t for f, p, t in free_strings(cat)}
    for s, (file, path, block) in zip(spots(cat), blocks(cat), strict=True):
        if s.kind not in _CODE_KINDS:
            continue
        said = [texts.get((file, (*path[:-2], "text")), ""), block.changes or ""]
        if not any(_PROMISE.search(t) for t in said):
            continue
        gaps = min((missing(s.code, r) for r in responses), key=len)
        throws = any(_THROW.search(x) and not x.lstrip().startswith("//") for x in s.code.split("\n"))
        if not gaps and not throws:
            continue
        line, col = where(s.code, gaps[0] if gaps else None)
        what = "throws" if throws else f"does not return {', '.join(gaps)} of the refused response"
        yield at(report, s, line, col, f"the text says this code answers the refused response, but it {what}")
