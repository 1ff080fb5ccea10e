"""Checker rule DEST029: a tool's remove or add (`vercel env add NAME production`) acts on the scope its block says."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.scopes import ADD_VERBS, Sub, subcommands
from playbook.checks.tools import at, spots
from playbook.data.walk import blocks

_COMMENT = re.compile(r"^\s*#(.*)$", re.M)


def _said(scope: tuple[str, ...], text: str) -> bool:
    """Whether the text names the scope (every word of it, as a word: "Production is redeployed" names production)."""
    return all(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text, re.IGNORECASE) for w in scope)


def block_text(block) -> str:
    """What a block says it does, in words: its changes: and the comments of its code."""
    return " ".join([block.changes or "", *(m.group(1) for m in _COMMENT.finditer(block.code or ""))])


@rule(
    "DEST029",
    "error",
    "a tool's remove or add with a scope (`vercel env rm NAME production`, `vercel env add NAME production`) acts on "
    "the scope its block's changes: and comments name, among the scopes its runbook gives that name; a remove and "
    "the add that replaces it in one block name the same scope",
    "The scope is which environment changes: `printf 'true' | vercel env add FLAG preview` after removing the flag "
    "from production re-enables nothing in production (it is left with no value, the app's default applies) and "
    "sets a preview value no one asked for, while changes: and the comment say production and the redeploy is "
    "production's.",
    "give the command the scope the block says (and that its remove or add in the block gives)",
    tools=True,
)
def scope_said(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    found = []
    for s, (_, _, b) in zip(spots(cat), blocks(cat), strict=True):
        if s.kind != "shell":
            continue
        subs = cat.memoized(("dest", "subs", s.code), lambda s=s: subcommands(s.code))
        subs = [c for c in subs if len(c.operands) > 1]  # a remove without a scope is DEST011's
        if subs:
            found.append((s, b, subs))
    scopes: dict[tuple, set[tuple[str, ...]]] = {}  # (runbook, tool, name): every scope the runbook gives the name
    for s, _, subs in found:
        for c in subs:
            scopes.setdefault((s.file, c.tool, c.operands[0]), set()).add(c.operands[1:])
    for s, b, subs in found:
        text = block_text(b)
        for c in subs:
            scope = c.operands[1:]
            if _said(scope, text):
                continue
            named = sorted(" ".join(o) for o in scopes[(s.file, c.tool, c.operands[0])] - {scope} if _said(o, text))
            if named:
                why = f"the block says {' or '.join(named)} (its changes: or comments)"
            elif (pair := _unpaired(c, subs)) is not None:
                other = f"{' '.join(pair.tool)} {pair.verb} {pair.operands[0]}"
                why = f"the block's `{other}` gives {' '.join(pair.operands[1:])}, which no add puts back"
            else:
                continue
            message = f"`{' '.join(c.tool)} {c.verb} {c.operands[0]} {' '.join(scope)}` acts on {' '.join(scope)}, "
            message += f"but {why}"
            yield at(report, s, c.line, c.col, message)


def _unpaired(c: Sub, subs: list[Sub]) -> Sub | None:
    """For an add, the remove of the same name in the block whose scope no add of the block puts back (the add that
    replaces it went to another scope); None when there is none (only adds point at the mistake: the remove is what
    is replaced)."""
    if c.verb not in ADD_VERBS:
        return None
    same = [x for x in subs if x.tool == c.tool and x.operands[0] == c.operands[0]]
    added = {x.operands[1:] for x in same if x.verb in ADD_VERBS}
    return next((x for x in same if x.verb not in ADD_VERBS and x.operands[1:] not in added), None)
