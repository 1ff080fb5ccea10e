"""Checker rules on the order of a destructive block's commands: it destroys after its last stop (DEST014), and a
tool's add of a name comes after the remove of that name, never before it (DEST015); and of a step's: its text never
puts the destructive block's action before the checks the step runs first (DEST020)."""

from __future__ import annotations

import re

from playbook.checks.destroyed import removals
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.scopes import ADD_VERBS, subcommands
from playbook.checks.tools import at, spots
from playbook.data.kinds import prose
from playbook.data.walk import blocks, runbooks, step_blocks
from playbook.runbooks.destructive import runs


def stops(code: str) -> list[int]:
    """The lines of a shell block where it stops on its own with a failure: `exit N` or `return N`, N not 0."""
    return [
        node.start_point[0] + 1
        for node, _, argv in runs(code)
        if argv[0] in ("exit", "return") and len(argv) > 1 and argv[1] != "0"
    ]


def early(code: str) -> list[tuple[int, int, str, int]]:
    """(line, column, program, the last stop's line) of each removing command (DEST010's) that runs before a stop
    of its block."""
    last = max(stops(code), default=0)
    return [
        (node.start_point[0] + 1, node.start_point[1] + 1, program, last)
        for node, program, _ in removals(code)
        if node.start_point[0] + 1 < last
    ]


@rule(
    "DEST014",
    "error",
    "a destructive block removes, moves or overwrites nothing before its last `exit` with a failure status: it "
    "checks first, then destroys",
    "A block that stops itself (`exit 1` when a check fails) fails in the state its on_failure describes: the "
    "responder reads there what was and was not changed, and undo: restores what changes: names after a full run. "
    "A removing command (DEST010's: rm, mv, a tool's remove subcommand) placed before a later stop (`rm \"$DB_PATH-"
    'wal"` moved above the restore and its integrity check) has already destroyed when that stop fires: on_failure '
    "then says nothing was replaced while the side files are gone, and no undo covers a half-run block. Every "
    "removing command of a destructive block comes after the last `exit N`/`return N` (N not 0) of it.",
    "move the command below the last check that stops the block (`exit 1`), so it runs only once every check passed",
)
def destroys_after_checks(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for s, (_, _, block) in zip(spots(cat), blocks(cat), strict=True):
        if s.kind != "shell" or not s.destructive:
            continue
        for line, col, program, last in cat.memoized(("dest", "early", s.code), lambda s=s: early(s.code)):
            stop = at(report, s, last, 1, "").line
            said = ", while its on_failure says what the failure left unchanged" if block.on_failure else ""
            message = f"`{program}` runs before the check that stops the block at line {stop}: when that check "
            yield at(report, s, line, col, message + f"fails, what `{program}` destroys is already gone{said}")


@rule(
    "DEST015",
    "error",
    "within a block, a tool's add of a name (`vercel env add NAME production`) comes after its remove of that name, "
    "never before it",
    "A remove followed by an add of the same name replaces its value: what changes: describes. An add followed by a "
    "remove of the same name leaves the name removed (the add may even be refused, the name still existing): the "
    "block ends with no value at all, so the app's default applies, which changes: does not say. Each add of a "
    "tool's name (DEST011's subcommands) has no remove of the same tool and name after it in its block.",
    "swap the two lines: remove the old value first, then add the new one",
)
def add_after_remove(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for s in spots(cat):
        if s.kind != "shell":
            continue
        subs = cat.memoized(("dest", "subs", s.code), lambda s=s: subcommands(s.code))
        for k, a in enumerate(subs):
            if a.verb not in ADD_VERBS:
                continue
            later = (c for c in subs[k + 1 :] if c.tool == a.tool and c.operands[:1] == a.operands[:1])
            c = next(later, None)
            if c is not None and c.verb not in ADD_VERBS:
                name, line = a.operands[0], at(report, s, c.line, c.col, "").line
                message = f"`{' '.join(a.tool)} {a.verb} {name}` runs before `{' '.join(c.tool)} {c.verb} {name}` "
                message += f"(line {line}): the remove deletes what the add set, and {name} is left removed"
                yield at(report, s, a.line, a.col, message)


# The words that make an action the first move, whatever comes before it in the step ("roll back first", "start by
# restarting", "before anything else"): English ordering words, not a list of actions. An imperative clause that opens
# with the action and has one of them after it, or opens with one of them and then the action; or "start by" it.
_FIRST = (
    r"first(?:\s+of\s+all)?|at\s+once|immediately|straight\s+away|right\s+away|before\s+anything\s+else"
    r"|before\s+(?:looking|checking|investigating|reading|finding)\b"
)
_START = r"(?:start|begin)\s+(?:by|with)\s+"
_CLAUSE = re.compile(r"[.;:!?](?:\s|$)|[()\[\]]|,\s*(?:then|and\s+then)\b|\s[—–]\s")
_ADDRESS = re.compile(r"\S+://\S+|\]\([^)]*\)|`[^`]*`")  # what is no word of the sentence: an address, a link's, code
_PARTICLES = ("back", "up", "down", "out", "over")


def actions(code: str) -> list[str]:
    """The words naming what a shell block does (the subcommand of each command: `vercel rollback` → rollback,
    `systemctl restart` → restart; a program alone, its name), each a regex that reads a phrasal verb written apart
    too (rollback: "roll back")."""
    out: list[str] = []
    for _, _, argv in runs(code):
        words = [a for a in argv[1:3] if re.fullmatch(r"[a-z][a-z-]+", a)]
        verb = words[0] if words else argv[0]
        if verb in ("exit", "return", "echo", "printf", "cd") or not verb.isalpha():
            continue
        tail = next((p for p in _PARTICLES if verb.endswith(p) and len(verb) > len(p) + 2), None)
        ends = "(?:s|ed|ing)?"
        pattern = rf"{verb[: -len(tail)]}{ends}[\s-]?{tail}" if tail else re.escape(verb) + ends
        pattern = rf"(?i)\b{pattern}\b"
        if pattern not in out:
            out.append(pattern)
    return out


def first_said(text: str, patterns: list[str]) -> str | None:
    """The words of `text` that make one of the actions the first move ("Roll back first"), or None."""
    plain = _ADDRESS.sub(lambda m: " " * len(m.group(0)), text)
    start = 0
    for end in [*(m.start() for m in _CLAUSE.finditer(plain)), len(plain)]:
        clause, at = plain[start:end], start
        start = end + 1
        for action in patterns:
            act = action.removeprefix("(?i)")
            shapes = (
                rf"(?i)^\W*(?:(?:just|now|please)\s+)?{act}.*?\b(?:{_FIRST})",
                rf"(?i)^\W*(?:{_FIRST})\s*,?\s+(?:(?:just|please)\s+)?{act}",
                rf"(?i)(?<!not\s)(?<!n't\s)\b{_START}{act}",
            )
            for shape in shapes:
                if m := re.search(shape, clause):
                    return text[at + m.start() : at + m.end()].strip(" ,")
    return None


@rule(
    "DEST020",
    "error",
    "a step's text never makes its destructive block the first move when the step runs a check before it",
    "A step that checks (the recent deploys in `git log`) before a destructive block (`vercel rollback`) makes the "
    'destruction conditional on what the check shows. A text that says to do it first ("Roll back first, then look '
    'for the cause", "restart immediately") turns it into the opening move: every change deployed since is withdrawn, '
    "fixes included, before anyone knows a deployment is the cause, and the check then reads a production it already "
    "changed. The action is read from the destructive block's own command (its subcommand: rollback, restart), never "
    "from a list of words.",
    'say when to do it, after the check ("Roll back if the log shows a deployment that broke writes"), in the order '
    "the step's blocks run",
)
def destroys_after_step_checks(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, rb in runbooks(cat):
        for i, step in enumerate(rb.steps):
            found, checked = [], False
            for _, b in step_blocks(step):
                if b.kind == "shell" and b.destructive and checked:
                    found += cat.memoized(("dest", "actions", b.code), lambda b=b: actions(b.code))
                checked |= b.kind == "shell" and not b.destructive
            for path, text in prose(step) if found else []:
                if path[:1] in (("blocks",), ("options",)):
                    continue  # a block's own texts say what it does
                if said := first_said(text or "", found):
                    message = f"{said!r}: the text makes the destructive block the first move, but the step runs "
                    yield report(file, ("steps", i, *path), message + "a check before it", needle=said)
