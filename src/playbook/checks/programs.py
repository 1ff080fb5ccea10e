"""Checker rule on the programs a block runs: a near miss of a command (`gerp`, `sqlit3`, `vercl`) is an error."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.data.suggest import one_edit
from playbook.runbooks.destructive import programs

FUZZY_MIN = 4  # a shorter command (jq, ls, df) is one edit from too many others to tell a typo


@functools.cache
def system_commands() -> frozenset[str]:
    """bash's builtins and keywords (`compgen -b -k`) and every executable on this machine's PATH."""
    names: set[str] = set()
    bash = shutil.which("bash")
    if bash:
        try:
            out = subprocess.run([bash, "-c", "compgen -b -k"], capture_output=True, text=True, timeout=10)
            names.update(out.stdout.split())
        except (OSError, subprocess.SubprocessError):
            pass
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        try:
            with os.scandir(folder) as entries:
                names.update(e.name for e in entries)  # the folders of PATH hold commands
        except OSError:
            continue
    return frozenset(names)


def meant(name: str, known: frozenset[str] | set[str]) -> str | None:
    """The one known command `name` misspells (a letter, or two swapped), or None (known, or near none or many)."""
    if name in known or len(name) < FUZZY_MIN:
        return None
    near = {k for k in known if len(k) >= FUZZY_MIN and one_edit(name, k)}
    return near.pop() if len(near) == 1 else None


_FUNCTION = re.compile(r"^\s*(?:function\s+)?([A-Za-z_][\w-]*)\s*\(\s*\)", re.M)


@rule(
    "TOOL009",
    "error",
    "a program a block runs is not a near miss of a command (bash's, this machine's PATH's, or one another block runs)",
    "`gerp`, `sqlit3` or `vercl` is `command not found` during the incident: the step prints nothing useful, and a "
    "runbook script stops there.",
    "write the command's name (`type NAME` says what the shell finds)",
    external=True,
)
def programs_known(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    shells = [s for s in spots(cat) if s.kind in ("shell", "jq")]
    ran = {s.code: programs(s.code) for s in shells}
    known = set(system_commands()) | {p for progs in ran.values() for p in progs}
    counts: dict[str, int] = {}
    for progs in ran.values():
        for p in progs:
            counts[p] = counts.get(p, 0) + 1
    for s in shells:
        local = set(_FUNCTION.findall(s.code))
        for prog in ran[s.code]:
            if prog in local or "$" in prog or prog in system_commands():
                continue
            # a name one block alone runs is judged against the others (not against itself)
            others = known - {prog} if counts.get(prog) == 1 else known
            if prog in others:
                continue
            right = meant(prog, others)
            if right is None:
                continue
            m = re.search(rf"(?<![\w./-]){re.escape(prog)}(?![\w-])", s.code)
            start = m.start() if m else 0
            line, col = s.code.count("\n", 0, start) + 1, start - (s.code.rfind("\n", 0, start) + 1) + 1
            yield at(report, s, line, col, f"{prog} is no command; did you mean {right}?")
