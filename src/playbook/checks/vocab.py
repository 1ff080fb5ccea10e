"""Checker rules on the names a block gives its tools (curl, jq, SQLite, HTTP), against each tool's own vocabulary."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, results, spots
from playbook.runbooks import blockcheck as bc
from playbook.runbooks import vocab


def _report(ctx: CheckContext, report: Reporter, own: bool):
    res = results(ctx)
    index = {k: i for i, k in enumerate(res.names)}
    where: dict[int, list] = {}
    for s in spots(ctx.catalog):
        if (s.code, s.kind) in index:
            where.setdefault(index[(s.code, s.kind)], []).append(s)
    if isinstance(res.vocab, bc.ToolMissing):
        return  # TOOL003 names a missing jq (curl comes with every system the checks run on)
    for f in res.vocab:
        if (f.code == vocab.NO_NULL_INPUT) == own:
            for s in where.get(f.block, []):
                yield at(report, s, f.line, f.col, f.message)


@rule(
    "TOOL006",
    "error",
    "every name a block gives curl, jq, SQLite or Vercel is the tool's own (its options, curl's write-out "
    "variables, SQLite's pragmas and sqlite_master types, HTTP header names and media types, Vercel environments)",
    "A misspelt write-out variable prints itself, an unknown pragma is ignored without an error, a misspelt "
    "header is sent as a different header, `type = 'tables'` matches no row, `application/jsn` is not read as "
    "JSON, `vercel env add X prod` fails after the `rm` before it: the command runs and says nothing useful.",
    "use the name the tool knows (curl --help all; curl -w '%{json}'; sqlite3 :memory: 'PRAGMA pragma_list'; "
    "jq --help; /etc/mime.types; vercel env --help)",
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
