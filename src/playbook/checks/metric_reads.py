"""Checker rule on the metrics the data names (REF002): each is in the catalog, and a jq path reads it as one key."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from typing import NamedTuple

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.catalog import Catalog
from playbook.data.walk import blocks

_COUNTER = re.compile(r"""counters\[\\?["']([\w.*]+)\\?["']\]""")
# `.metrics.<section>.a.b.c`: jq reads the keys a, then b, then c; a metric's name (dots and all) is one key
_DOTTED = re.compile(r"(?<![\w$\])}\"])\.metrics\.([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*)+)")


class DottedRead(NamedTuple):
    written: str  # the path as typed: .metrics.counters.auth.signin.failure
    section: str  # counters
    keys: tuple[str, ...]  # the keys jq reads under the section, in turn: auth, signin, failure
    meant: str | None  # the metric the dotted keys spell together, if one is known: auth.signin.failure


def dotted_reads(code: str, known: Callable[[str], bool]) -> list[DottedRead]:
    """Each `.metrics.<section>.<key>…` path of `code` whose first key is no metric `known` names."""
    out = []
    for m in _DOTTED.finditer(code):
        keys = m.group(2)[1:].split(".")
        if known(keys[0]):
            continue
        joined = [".".join(keys[:n]) for n in range(len(keys), 1, -1)]
        meant = next((name for name in joined if known(name)), None)
        out.append(DottedRead(m.group(0), m.group(1), tuple(keys), meant))
    return out


def message(read: DottedRead) -> tuple[str, str]:
    """What is wrong with a dotted read, and what to write."""
    if read.meant:
        fix = f'.metrics.{read.section}["{read.meant}"]'
        return (
            f"{read.written} reads the nested keys {', '.join(read.keys)}: no metric is named {read.keys[0]!r}, so jq "
            f"prints null; the metric {read.meant!r} is one key",
            f"index the metric by its whole name: {fix}",
        )
    return f"metric {read.keys[0]!r} ({read.written}) is not in the catalog", ""


def metric_known(cat: Catalog, name: str) -> bool:
    return any(fnmatch.fnmatchcase(m, name) for m in cat.metric_names)


@rule(
    "REF002",
    "error",
    "every metric name used is in the metrics catalog (patterns match at least one), and jq reads it as one key",
    "A runbook querying a metric the app does not emit returns null at the worst moment; so does a jq path that "
    "reads a dotted metric name as nested keys (`.metrics.counters.auth.signin.failure` for "
    '`.metrics.counters["auth.signin.failure"]`).',
    f"add the metric to {F.CATALOG.name} metrics, or fix the name",
)
def metrics_known(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    uses = []
    for i, s in enumerate(cat.severities.signals):
        if s.metric:
            uses.append((F.SEVERITIES, ("signals", i, "metric"), s.metric))
    for i, p in enumerate(cat.dashboard.panels):
        for j, item in enumerate(p.items):
            for k, m in enumerate(item.metrics):
                uses.append((F.DASHBOARD, ("panels", i, "items", j, "metrics", k), m))
    for sid, sc in cat.scenarios.items():
        for i, s in enumerate(sc.symptoms):
            for j, m in enumerate(s.metrics):
                uses.append((cat.source[sid], ("symptoms", i, "metrics", j), m))
    for file, path, b in blocks(cat):
        for m in _COUNTER.findall(b.code):
            uses.append((file, (*path, "code"), m))  # located by needle below
    for file, path, name in uses:
        if not metric_known(cat, name):
            yield report(file, path, f"metric {name!r} is not in the catalog", needle=name)
    for file, path, b in blocks(cat):  # `.metrics.counters.a.b` reads key a, then b: a metric's name is one key
        for read in dotted_reads(b.code, lambda name: metric_known(cat, name)):
            text, hint = message(read)
            yield report(file, path if path[-1] == "code" else (*path, "code"), text, hint, needle=read.written)
