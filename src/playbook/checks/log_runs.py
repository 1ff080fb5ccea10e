"""Checker rule running the log queries on the log format's example record: TOOL012 (runbooks/jqrun.py runs them)."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.refs import reads_unknown_log_field
from playbook.checks.tools import _report, broken_shell, results
from playbook.runbooks import blockcheck as bc


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
    res = results(ctx)
    bad = broken_shell(ctx)
    if isinstance(res.jq, list):
        bad |= {f.block for f in res.jq}  # a filter that does not compile is TOOL003's
    if isinstance(res.jq_logs, bc.ToolMissing):
        return  # TOOL003 says jq is missing
    bad |= {k for k, code in enumerate(res.shell) if reads_unknown_log_field(ctx.catalog, code)}  # REF007's
    yield from _report(ctx, report, res.jq_logs, res.shell, lambda s: s.code, lambda f: f.block not in bad, "jq: ")
