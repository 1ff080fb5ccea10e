"""Checker rule TOOL032: a `json` block is one JSON document, as the page highlights it and the scripts write it."""

from __future__ import annotations

import json

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots


@rule(
    "TOOL032",
    "error",
    "a `json` block holds one JSON document (Python's json reads it whole)",
    "A block of kind json is highlighted as JSON on the page and written as a .json file under runbooks/, one per "
    "block, for a reader or a tool to load. Comments (`# Expected response:`), two documents one after the other, "
    "a trailing comma or single quotes are no JSON: the page shows broken highlighting and no JSON reader loads the "
    "file. Each json block, templates filled in, is read by Python's json, which names the line and column it stops.",
    "make the block one JSON document (an example output with comments or alternatives is kind: output)",
)
def json_blocks_parse(ctx: CheckContext, report: Reporter):
    for spot in spots(ctx.catalog):
        if spot.kind != "json":
            continue
        try:
            json.loads(spot.code)
        except json.JSONDecodeError as e:
            yield at(report, spot, e.lineno, e.colno, f"not JSON: {e.msg}")
