"""Checker rules on a destructive block: its commands' options are said (DEST030), its undo is no rerun (DEST031)."""

from __future__ import annotations

import re

from playbook.checks.destructive import judged
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.data.walk import blocks
from playbook.runbooks.destructive import runs

# Long options that say how a command runs, never what it changes: a confirmation, the environment production is
# named by, forcing past a prompt, output. Deny by default: any other long option of a destructive command (a build
# taken from the responder's machine, a scope, a target) changes what the command does, and changes: says so.
HOW = frozenset(
    {"--yes", "--prod", "--production", "--force", "--confirm", "--quiet", "--verbose", "--debug", "--no-color", "--"}
)
_SPAN = re.compile(r"`([^`\n]+)`")
_PART = re.compile(r"[A-Za-z]{3,}")


def unsaid_options(command: str, changes: str) -> list[str]:
    """The long options of a command (as written, without a value) that are not in HOW and whose words changes:
    does not name (`--prebuilt`: "prebuilt", a prefix of its stem, "pre-built" or "pre built")."""
    out = []
    for word in command.split()[1:]:
        option = word.split("=", 1)[0]
        if not option.startswith("--") or option in HOW:
            continue
        parts = [p.lower() for p in _PART.findall(option)]
        joined = "".join(parts)
        stems = {joined[: max(4, len(joined) - 2)], *(p[: max(4, len(p) - 2)] for p in parts if len(p) >= 4)}
        compact = re.sub(r"[\s-]+", "", changes.lower())  # "pre-built", "pre built" and "prebuilt" alike
        if not any(s in compact for s in stems):
            out.append(option)
    return list(dict.fromkeys(out))


@rule(
    "DEST030",
    "error",
    "every long option of a destructive command that changes what it does (any but --yes, --prod, --force and "
    "their kind) is named in the block's changes:",
    "changes: is what the danger box shows before the runner asks to confirm. An option changes what the same "
    "command does to production: `vercel deploy --prod --prebuilt` uploads whatever the responder's machine last "
    "built (an old branch, a development build) instead of building the release, while changes: still speaks of a "
    "redeploy with a flag. Deny by default: only options that say how a command runs (a confirmation, the "
    "environment, forcing past a prompt, output) need no word in changes:.",
    "remove the option, or say in changes: what it makes the command do",
)
def options_are_said(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for s, (_, _, block) in zip(spots(cat), blocks(cat), strict=True):
        if not s.destructive or s.kind != "shell" or not (block.changes or "").strip():
            continue
        for d in judged(cat, s):
            if options := unsaid_options(d.command, block.changes):
                shown = ", ".join(options)
                message = f"{d.command!r} runs with {shown}, which changes what it does; changes: does not say it"
                yield at(report, s, d.line, d.col, message)


def _key(argv: list[str]) -> tuple[str, str]:
    """(program, its first operand: the subcommand) of a command."""
    first = next((w for w in argv[1:] if not w.startswith("-")), "")
    return argv[0], first


def reruns(undo: str, code: str) -> list[str]:
    """Each code span of an undo: whose every command is one the block runs (the same program and subcommand, and
    no word the block's command lacks): running it again repeats the change instead of reversing it."""
    done = [argv for _, _, argv in runs(code)]
    out = []
    for m in _SPAN.finditer(undo or ""):
        mine = [argv for _, _, argv in runs(m.group(1))]
        if mine and all(any(_key(a) == _key(b) and set(a) <= set(b) and len(a) > 1 for b in done) for a in mine):
            out.append(m.group(1))
    return out


@rule(
    "DEST031",
    "error",
    "the commands a destructive block's undo: gives in backticks are not the block's own commands run again",
    "The undo is the way back the danger box promises before the runner asks to confirm. Most production commands "
    "are not their own inverse: `vercel rollback` run again goes back one more deployment, not forward; a restart "
    "run again restarts again; `vercel env rm` again removes nothing back. An undo that reruns the block's command "
    "(same program and subcommand, no word the block lacks) repeats the change it claims to reverse.",
    "give the command that reverses the change (`vercel promote` with the newer deployment's URL, the value set back)",
)
def undo_is_no_rerun(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for s, (_, _, block) in zip(spots(cat), blocks(cat), strict=True):
        if not s.destructive or s.kind != "shell" or "`" not in (block.undo or ""):
            continue
        found = cat.memoized(("dest", "reruns", block.undo, s.code), lambda b=block, s=s: reruns(b.undo, s.code))
        for code in found:
            message = f"the undo runs `{code}`, the block's own command again: it repeats the change, not reverses it"
            yield report(s.file, (*s.path[:-1], "undo"), message, needle=code)
