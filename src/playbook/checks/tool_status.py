"""Checker rule CAT022: the dashboard's tools are not said to be in use while a runbook calls them future."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.walk import runbooks

_FUTURE = re.compile(r"(?i)\b(?:future|planned|not yet|until (?:a|the) \w+ (?:service )?exists)\b")
_IN_USE = re.compile(r"(?i)^\s*(?:current|in use|live|active|deployed|available)\b")


def future_mentions(lines: list[str], tools: list[str]) -> list[tuple[int, str]]:
    """(line, tool) of each line that names one of `tools` as future or planned."""
    out = []
    for n, line in enumerate(lines, 1):
        if not _FUTURE.search(line):
            continue
        out += [(n, t) for t in tools if re.search(rf"(?i)(?<![\w-]){re.escape(t)}(?![\w-])", line)]
    return out


@rule(
    "CAT022",
    "error",
    "the dashboard's monitoring tools (dashboard.yaml tools:) are not presented as in use (status: current) while "
    "a runbook names one of them as future",
    "The Dashboard page tells responders which tools hold the metrics. Saying Grafana, Prometheus and Datadog are in "
    'use while Log Access says "Log aggregation service (future: Datadog, Splunk)" and "Until a log service '
    'exists" sends responders, mid-incident, to tools that do not exist; one of the two texts is wrong.',
    "keep `status: future` until the tools exist (and the runbooks say so)",
)
def tools_status_agrees(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    tools = cat.dashboard.tools
    if tools is None or not _IN_USE.match(str(tools.status or "")):
        return
    names = [t.name for t in tools.list]
    for file in sorted({file for file, _ in runbooks(cat)}):
        found = future_mentions(report.lines(file), names)
        if found:
            n, tool = found[0]
            name = file.rsplit("/", 1)[-1]
            msg = f"the tools are status: {tools.status}, but {name} line {n} names {tool} as future"
            yield report(F.DASHBOARD, ("tools", "status"), msg)
            return
