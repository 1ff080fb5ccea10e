"""Checker rule on a `$NAME` a runbook's text (undo, changes, means…) names that no placeholder declares (REF028)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import spots
from playbook.data import files as F

# A line of a YAML mapping that is not a block's code: `undo: "…"`, `- {text: "…", …}` (code is REF009's, ShellCheck)
_TEXT_LINE = re.compile(r"^\s*(?:-\s+)?\{?([a-z_]+):(?!\s*[|>])")
_NAME = re.compile(r"\$\{?([A-Z_][A-Z0-9_]*)(?![\w])")
_ASSIGNED = re.compile(
    r"(?:^|[\s;(])(?:export\s+|local\s+|readonly\s+)?([A-Z_][A-Z0-9_]*)=|\bfor\s+([A-Z_][A-Z0-9_]*)\s+in\b"
)
# The environment's own names, set for every shell
ENVIRONMENT = frozenset(["HOME", "PATH", "USER", "PWD", "SHELL", "TMPDIR", "LANG", "LC_ALL", "TZ", "HOSTNAME"])


def known_names(ctx: CheckContext) -> set[str]:
    """The `$NAME`s a text may name: the declared placeholders, the names a block of the data sets, the shell's."""
    names = {p.name for p in ctx.catalog.meta.placeholders} | ENVIRONMENT
    for s in spots(ctx.catalog):
        for m in _ASSIGNED.finditer(s.code):
            names.add(m.group(1) or m.group(2))
    return names


@rule(
    "REF028",
    "error",
    "a `$NAME` a runbook's text names (an undo, a change, what a failure means) is a declared placeholder",
    "The text is what the responder does by hand: `delete $FB_PATH` for $DB_PATH names a variable nothing sets, so "
    "the command typed from it expands to nothing (`rm` of the folder, a copy to the wrong place) or the reader "
    "guesses which file was meant, during the incident. ShellCheck checks the blocks' code (REF009); this, the text.",
    f"name a placeholder {F.META.name} declares (or a variable the block sets)",
)
def text_names_declared(ctx: CheckContext, report: Reporter):
    known = None
    for rel, _rb in ctx.catalog.runbook_files():
        for n, text in enumerate(report.lines(rel), 1):
            m = _TEXT_LINE.match(text)
            if m is None or m.group(1) == "code" or "$" not in text:
                continue
            if known is None:
                known = known_names(ctx)
            for name in _NAME.finditer(text, m.end()):
                if name.group(1) not in known:
                    message = f"${name.group(1)} is no declared placeholder nor a variable a block sets"
                    yield report.at(rel, n, name.start() + 1, message)
