"""Checker rules running the log queries on the log format's example record: TOOL012, TOOL013 (runbooks/jqrun.py)."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.refs import reads_unknown_log_field
from playbook.checks.tools import _report, broken_shell, results
from playbook.runbooks import blockcheck as bc
from playbook.runbooks.jqrun import SELECT_KEEPS_ALL


@rule(
    "TOOL012",
    "error",
    "every jq query of the log file runs, as typed, on the log format's example record without an error",
    "A query that compiles can still stop on every record: `jq -R` (raw input) for `jq -r` reads each line as a "
    'string and `.message` fails ("Cannot index string"), so the step prints errors instead of the records.',
    "fix the jq call at this line (its flags: -r raw output, -R raw input, -n with inputs, -s slurp), so it reads "
    "catalog.yaml's log format; run it on the Logs page's example record to see",
    external=True,
)
def jq_runs_on_logs(ctx: CheckContext, report: Reporter):
    yield from _log_runs(ctx, report, lambda f: f.message != SELECT_KEEPS_ALL)


@rule(
    "TOOL013",
    "error",
    "a log query's select() tests the record: its condition is never the record itself (`=` typed for `==`)",
    "In jq `=` assigns: `select(.context.userId = $user)` sets every record's userId to the user and, an object "
    "being true, keeps them all, so the step prints the whole log with every record attributed to that user. Run "
    "on the log format's example record, a condition whose value is the record (its own keys) keeps every record.",
    "compare with `==` (or `!=`, `<`, `>`) in the select() at this line, not `=` or `|=`",
    external=True,
)
def jq_select_tests(ctx: CheckContext, report: Reporter):
    yield from _log_runs(ctx, report, lambda f: f.message == SELECT_KEEPS_ALL)


def _log_runs(ctx: CheckContext, report: Reporter, mine):
    res = results(ctx)
    bad = broken_shell(ctx)
    if isinstance(res.jq, list):
        bad |= {f.block for f in res.jq}  # a filter that does not compile is TOOL003's
    if isinstance(res.jq_logs, bc.ToolMissing):
        return  # TOOL003 says jq is missing
    bad |= {k for k, code in enumerate(res.shell) if reads_unknown_log_field(ctx.catalog, code)}  # REF007's
    yield from _report(
        ctx, report, res.jq_logs, res.shell, lambda s: s.code, lambda f: mine(f) and f.block not in bad, "jq: "
    )
