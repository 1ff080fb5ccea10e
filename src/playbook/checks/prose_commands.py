"""Checker rule DEST034: a command quoted in the data's prose is one the parse proves read-only (else: a block)."""

from __future__ import annotations

import re
import shutil

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import spots
from playbook.data import files as F
from playbook.data.markup import CODE_SPAN, markdown_strings
from playbook.runbooks.destructive import programs, unproven

# A command typed bare after the verb that tells the reader to run it ("if not, run sudo chown -R …"): to the end of
# its clause (a full stop, a semicolon, a closing bracket or the end of the text)
_BARE = re.compile(r"\b(?:run|execute|type)\s+(?!`)((?:sudo\s+)?[a-z][\w.-]*\b[^`.;:)\n]*)", re.I)
# The fields that describe a change a block makes, or excuse one (a block's changes, undo and safe reason): they
# name the commands of the change on purpose, and the block they belong to confirms it.
_DESCRIBING = {"changes", "undo", "safe", "reason"}


def _programs(cat) -> frozenset[str]:
    """The programs the data's runnable blocks run (vercel, sqlite3, curl…): a code span opening with one is a
    command, as is one opening with a program on PATH."""
    return cat.memoized(
        ("prose commands", "programs"),
        lambda: frozenset(p for s in spots(cat) if s.kind == "shell" for p in programs(s.code)),
    )


def quoted_commands(text: str, known: frozenset[str]) -> list[tuple[str, str]]:
    """(the span, why it is not read-only) of each code span of `text` that is a command no parse proves read-only."""
    out = []
    said = [m.group(2) for m in CODE_SPAN.finditer(text)] if "`" in text else []
    for span in said + [m.group(1) for m in _BARE.finditer(text)]:
        span = span.strip()
        words = span.split()
        first = words[1] if words[:1] == ["sudo"] and len(words) > 1 else (words[0] if words else "")
        if not re.fullmatch(r"[a-z][\w.-]*", first) or (first not in known and not shutil.which(first)):
            continue  # a path, a name, a value or JSON: no command
        try:
            found = unproven(span)
        except (ValueError, RecursionError):  # a span the shell grammar cannot read is no command to run
            continue
        if found:
            out.append((span, found[0].reason))
    return out


@rule(
    "DEST034",
    "error",
    "a command quoted in prose (a code span of a step's text, a verify, a hint) is one the parse proves read-only; "
    "a command that changes anything is a destructive block",
    "A reader copies a command from a sentence as readily as from a block, at 3 a.m. more so. A block that changes "
    "production or data shows its danger box, names what it changes and how to undo it, and `playbook run` and the "
    "generated script ask before running it; the same command in a sentence has none of that (`run vercel rollback "
    "--yes again`, `chown -R` on the checkout). Deny by default: a quoted command is read-only only when the parse "
    "proves it, as for blocks. A block's own changes, undo and safe reason name its commands on purpose, and "
    "decisions quote the seed's.",
    "move the command into a block of its step marked `destructive: true`, with `changes:` and `undo:`, or quote a "
    "read-only form",
)
def no_changing_commands_in_prose(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    known = _programs(cat)
    for file, path, text in markdown_strings(cat):
        if file.endswith("/" + F.DECISIONS.name) or (path and str(path[-1]) in _DESCRIBING):
            continue
        for span, why in quoted_commands(text, known):
            yield report(file, path, f"`{span}` in prose: {why}", needle=span)
