"""Checker rule on the placeholders of meta.yaml: each one declared is read by some command of the data."""

from __future__ import annotations

import re

from playbook.checks.bare_names import bare_uses
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.suggest import closest

_READ = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")  # $NAME or ${NAME…}: a shell variable read


@rule(
    "REF010",
    "error",
    f"every placeholder declared in {F.META.name} is read by a command of the data",
    "The placeholders are what a reader sets once in the shell before the commands run. One that no command reads "
    "is a name renamed on one side only: the commands still read the old name, now undeclared and empty, and the "
    "reader is told to set a variable nothing uses.",
    "give the placeholder the name the commands read (or drop it, if no command needs it any more)",
)
def placeholders_used(ctx: CheckContext, report: Reporter):
    # Reported at the declaration: the commands' uses of the old name are REF009's, at each use; this is the one
    # line that explains them all when the declaration is what was renamed.
    cat = ctx.catalog
    files = [cat.file(s) for s in F.SINGLE if s is not F.META] + [rel for rel, _ in cat.runbook_files()]
    read: dict[str, int] = {}
    for rel in files:
        for line in report.lines(rel):
            if "$" in line:
                for name in _READ.findall(line):
                    read[name] = read.get(name, 0) + 1
    declared = {p.name for p in cat.meta.placeholders}
    named = bare_uses(cat)  # a command given the bare name where it meant $NAME: REF024's, at that command
    for i, p in enumerate(cat.meta.placeholders):
        if p.name in read or p.name in named:
            continue
        meant = closest(p.name, [n for n in read if n not in declared])
        hint = f"did you mean {meant}, which the commands read {read[meant]} time(s)? " if meant else ""
        message = f"placeholder {p.name} is declared, but no command of the data reads ${p.name}"
        yield report(F.META, ("placeholders", i, "name"), message, hint + report.rule.fix)
