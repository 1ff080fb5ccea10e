"""Checker rules on the names a block gives its tools (curl, jq, SQLite, HTTP), against each tool's own vocabulary."""

from __future__ import annotations

import shutil
import sqlite3

from playbook.checks import toolcache as tc
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import _guard, at, spots
from playbook.runbooks import blockcheck as bc
from playbook.runbooks import vocab


def _tools() -> tc.Identity | None:
    """What the vocabularies are read from: the curl and jq binaries and SQLite's library (None: one is missing)."""
    curl, jq = tc._binary(shutil.which("curl")), tc._binary(shutil.which("jq"))
    return None if curl is None or jq is None else [*curl, *jq, sqlite3.sqlite_version]


def _found(ctx: CheckContext):
    cat = ctx.catalog

    def run():
        codes = list(dict.fromkeys((s.code, s.kind) for s in spots(cat) if s.kind in ("shell", "jq", "sql")))
        return codes, _guard(tc.cached(ctx.cache, vocab.vocab_check, _tools), codes)

    return cat.memoized(("vocab", "found"), run)


def _report(ctx: CheckContext, report: Reporter, own: bool):
    codes, found = _found(ctx)
    where: dict[int, list] = {}
    index = {k: i for i, k in enumerate(codes)}
    for s in spots(ctx.catalog):
        if (s.code, s.kind) in index:
            where.setdefault(index[(s.code, s.kind)], []).append(s)
    if isinstance(found, bc.ToolMissing):
        return  # TOOL001/TOOL003 name a missing jq; curl is in every image the checks run in
    for f in found:
        if (f.code == vocab.NO_NULL_INPUT) == own:
            for s in where.get(f.block, []):
                yield at(report, s, f.line, f.col, f.message)


@rule(
    "TOOL006",
    "error",
    "every name a block gives curl, jq or SQLite is the tool's own (its options, curl's write-out variables, "
    "SQLite's pragmas, HTTP header names)",
    "A misspelt write-out variable prints itself, an unknown pragma is ignored without an error, a misspelt "
    "header is sent as a different header: the command runs and says nothing useful.",
    "use the name the tool knows (curl --help all; curl -w '%{json}'; sqlite3 :memory: 'PRAGMA pragma_list'; "
    "jq --help)",
    external=True,
)
def tool_names_known(ctx: CheckContext, report: Reporter):
    yield from _report(ctx, report, own=False)


@rule(
    "TOOL007",
    "error",
    "a jq filter that reads `input` or `inputs` runs with -n",
    "Without -n jq reads the first record as `.` before the filter starts: `inputs` gives only the others, so the "
    "first matching record is silently left out.",
    "add -n to the jq options (jq -cn '…')",
    external=True,
)
def jq_inputs_null(ctx: CheckContext, report: Reporter):
    yield from _report(ctx, report, own=True)
