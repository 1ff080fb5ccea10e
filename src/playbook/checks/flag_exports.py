"""Checker rule RUN017: a runbook never sets an app's feature flag as a shell variable (production never reads it)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import SHELL_KINDS, at, spots


def assignments(code: str, names: set[str]) -> list[tuple[int, int, str]]:
    """(line, column, name) of each shell assignment of one of `names` in a block (`export NAME=…`, `NAME=…` alone
    or before a command, `env NAME=…`): an assignment starts a word, never inside `$NAME` or a quoted string's key."""
    if not names:
        return []
    pattern = re.compile(rf"(?:^|(?<=[\s;&|(]))({'|'.join(map(re.escape, sorted(names)))})=")
    out = []
    for n, line in enumerate(code.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        out += [(n, m.start(1) + 1, m[1]) for m in pattern.finditer(line)]
    return out


@rule(
    "RUN017",
    "error",
    "a runbook's shell code never assigns an app's feature flag (catalog.yaml feature_flags) as a shell variable: "
    "the flag is set where the app reads it (`vercel env add`), then deployed",
    "The app in production reads its environment from the hosting's settings, never from the responder's shell: "
    "`export FEATURE_AI_ENABLED=false` sets a variable of that shell alone, and a redeploy after it (or "
    "`FEATURE_AI_ENABLED=false vercel deploy`) ships nothing new. Beside a `vercel env rm` of the same variable it "
    "is worse: production falls back to the flag's default, and the step that says the feature is off leaves it on.",
    "set the flag in production: `printf 'false' | vercel env add NAME production`, then redeploy",
)
def flags_not_exported(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    names = {f.name for f in cat.data.feature_flags}
    for s in spots(cat):
        if s.kind not in SHELL_KINDS or s.kind == "jq":
            continue
        for line, col, name in cat.memoized(("flags", "set", s.code), lambda s=s: assignments(s.code, names)):
            message = f"the block sets {name} in the responder's shell: production never reads it"
            yield at(report, s, line, col, message)
