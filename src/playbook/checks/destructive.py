"""Checker rules on dangerous steps: a runnable block is read-only as its parse proves, or says it is not."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, broken_shell, results, spots
from playbook.runbooks import sqlkind
from playbook.runbooks.destructive import Danger, parse_errors, unproven

JUDGEMENT = (
    "Deny by default: a command is read-only only in a form the allow-list knows (curl without a write method "
    "or a body, jq, grep, ls, df, cat, git log, vercel logs, kubectl get, sqlite3 with read statements only, …), "
    "and a redirection only to /dev/null or a descriptor. SQL is judged by its statement kind, wherever it comes "
    "from (an argument, -cmd, a here-string, a heredoc, a pipe), never by the tables the stand-in schema has; "
    "SQL the block does not show (`< file`, `.read`) is not proven read-only."
)


@rule(
    "DEST001",
    "error",
    "a runnable block is read-only as its parse proves, or is marked destructive: true or safe: (why)",
    "An unmarked `rm`, `DELETE` or `curl -X DELETE` runs without the danger box and the confirmation prompt. "
    + JUDGEMENT,
    "add `destructive: true` to the block (with `changes:` and `undo:`); if it changes nothing that matters "
    "(a test request, a copy into a new folder), add `safe:` saying why",
    tools=True,
)
def destructive_marked(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    seen: dict[tuple[str, str], list[Danger]] = {}  # a large playbook repeats its commands: judge each once
    for s in spots(cat):
        if s.destructive or s.safe or s.kind not in ("shell", "jq", "sql"):
            continue
        key = (s.kind, s.code)
        if key not in seen:
            seen[key] = _sql_block(s.code) if s.kind == "sql" else unproven(s.code)
        for d in seen[key]:
            yield at(report, s, d.line, d.col, f"{d.command!r} is not proven read-only: {d.reason}")


def _sql_block(code: str) -> list[Danger]:
    out = []
    for w in sqlkind.writes(code):
        line = code.count("\n", 0, w.at) + 1
        col = w.at - (code.rfind("\n", 0, w.at) + 1) + 1
        out.append(Danger(line, col, code[w.at :].split("\n", 1)[0][:60], f"the SQL is not read-only ({w.what})"))
    return out


@rule(
    "DEST002",
    "error",
    "tree-sitter-bash reads every unmarked shell block that bash accepts",
    "DEST001 proves commands read-only from the parse; a construct the parser cannot read may hide any "
    "command, so the block is not proven read-only (bash's own syntax errors are TOOL001's).",
    "rewrite the construct more plainly, or mark the block destructive: true (or safe: with why)",
    external=True,
)
def shell_parses(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    res = results(ctx)
    bad = {res.shell[i] for i in broken_shell(ctx)}
    for s in spots(cat):
        if s.kind in ("shell", "jq") and s.code not in bad and not (s.destructive or s.safe):
            for line, col in parse_errors(s.code)[:1]:
                yield at(
                    report, s, line, col, "tree-sitter-bash cannot parse the shell from here: not proven read-only"
                )
