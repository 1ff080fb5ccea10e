"""Checker rules on a destructive block's changes: its writes are named there (DEST027), its deletions run (DEST036)."""

from __future__ import annotations

import re

from playbook.checks.destructive import judged
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.data.walk import blocks
from playbook.runbooks.destructive import Danger

# The words a changes: text names what a program changes with, where its operands do not say it (a whole host, a
# deployment, a database): kept here, in one place. A program not listed is named by its own name or an operand.
PROGRAM_WORDS = {
    "reboot": r"reboots?|rebooted|rebooting|host|machine",
    "shutdown": r"shut|shuts|shutdown|host|machine|powered",
    "poweroff": r"power|powered|host|machine",
    "halt": r"halts?|halted|host|machine",
    "vercel": r"production|deploy\w*|redeploy\w*",
    "sqlite3": r"database",
    "psql": r"database",
}
# The words of a tool's command line that say how, not to what: subcommand verbs, an environment, a confirmation.
# Never the object a changes: text must name.
GENERIC = {
    "restart", "start", "stop", "reload", "kill", "enable", "disable", "mask", "unmask", "rm", "remove", "delete",
    "del", "add", "set", "unset", "apply", "create", "update", "upgrade", "install", "uninstall", "purge", "prune",
    "down", "up", "run", "exec", "deploy", "rollback", "env", "drop", "truncate", "reset", "push", "pull", "scale",
    "rollout", "restore", "import", "export", "write", "yes", "force", "prod", "now", "try", "production", "preview",
    "development", "all",
}  # fmt: skip
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_]{2,}")
_STEM = re.compile(r"(?:ing|ed|es|s)$")


def objects(d: Danger) -> list[str]:
    """The words of what a command changes, as the stems a text names them by: its operands' words (no option, no
    subcommand verb), each part of a NAME_WITH_PARTS of three letters or more (`$DB_BACKUP`: db backup)."""
    words = [_named_part(w) for w in d.command.split()[1:] if not w.startswith("-")]
    tokens = [t for w in words for t in _TOKEN.findall(w) if t.lower() not in GENERIC]
    parts = [p for t in tokens for p in t.split("_") if len(p) >= 3 and not p.isdigit()]
    return list(dict.fromkeys(_STEM.sub("", p.lower()) if len(p) > 5 else p.lower() for p in parts))


def _named_part(word: str) -> str:
    """The part of an operand that names what it is: a path's last part when it has a word of three letters or more
    (`/var/lib/postgresql/15/main/postmaster.pid`: the pid file, not PostgreSQL's folder), else the whole operand (a
    URL, whose host names the deployment)."""
    if "/" not in word or "://" in word:
        return word
    last = word.rstrip("/").rsplit("/", 1)[-1]
    return last if _TOKEN.search(last) else word


def said(d: Danger, changes: str) -> bool:
    """Whether `changes` names the command `d`: by its program or one of its objects; a command without an object (a
    reboot, a deploy) by the words its program's change is told in."""
    program = d.command.split()[0].rsplit("/", 1)[-1] if d.command.split() else ""
    names = [re.escape(program)] if re.fullmatch(r"[A-Za-z][\w-]{2,}", program) else []
    names += [re.escape(t) for t in objects(d)] or ([PROGRAM_WORDS[program]] if program in PROGRAM_WORDS else [])
    return bool(names) and re.search(rf"(?i)(?<![A-Za-z0-9])(?:{'|'.join(names)})", changes) is not None


def _kind_said(d: Danger, changes: str) -> bool:
    """Whether `changes` tells the kind of change of `d`'s program (PROGRAM_WORDS), whatever its operands."""
    program = d.command.split()[0].rsplit("/", 1)[-1] if d.command.split() else ""
    words = PROGRAM_WORDS.get(program)
    return bool(words) and re.search(rf"(?i)(?<![A-Za-z0-9])(?:{words})", changes) is not None


@rule(
    "DEST027",
    "error",
    "every command of a destructive block that is not proven read-only is named in the block's changes: (its "
    "program, what it acts on, or the words its kind of change is told in)",
    "changes: is shown in the danger box before the runner asks to confirm: it is all a responder reads of what the "
    "block does. A command added beside the one it describes (`systemctl restart postgresql || sudo reboot`) runs "
    "under the same confirmation and does what nobody agreed to: a reboot of the whole host, every service on it "
    "stopped, while changes: speaks of PostgreSQL alone. Each command the parse does not prove read-only (DEST001's "
    "judgement) is named in changes: by its program, an operand (the unit, the file, the variable), or the words "
    "its kind of change is told in (a host for reboot, production for vercel). A changes: that names none of them is "
    "reported itself: the text, not the code, is what changed.",
    "remove the command, or say in changes: (and undo:) what it does to what",
)
def commands_are_said(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for s, (_, _, block) in zip(spots(cat), blocks(cat), strict=True):
        if not s.destructive or s.kind != "shell" or not (block.changes or "").strip():
            continue
        dangers = [d for d in judged(cat, s) if d.command.split()]
        unsaid = [d for d in dangers if not said(d, block.changes)]
        # a command whose kind of change the text tells (production, for a vercel rollback) but not its operand (a
        # pinned deployment's URL): the operand is what moved, and the command the line to change
        kind_said = unsaid and all(_kind_said(d, block.changes) for d in unsaid)
        # changes: names none of them (and not their kind of change): the text is the one to change
        if unsaid and len(unsaid) == len(dangers) and not kind_said:
            shown = ", ".join(repr(d.command) for d in unsaid[:3])
            message = f"changes: names none of the commands the block runs that change something: {shown}"
            yield report(s.file, (*s.path[:-1], "changes"), message)
            continue
        for d in unsaid:
            message = f"{d.command!r} changes what the block's changes: does not name ({d.reason})"
            yield at(report, s, d.line, d.col, message)


# What a changes: text says a block deletes: a verb of removal, active or passive ("deletes its side files", "the
# previous value is deleted", "removes the lock")
_SAYS_DELETES = re.compile(r"(?i)\b(?:delet|remov|eras|wip|purg|unlink)(?:es|e|ed|ing|s)?\b")
# The programs, subcommands and statements that remove (a file, a variable, rows, a table): Danger.names and the
# words of a command line. Kept here beside PROGRAM_WORDS, the other vocabulary of changes: texts.
_REMOVERS = frozenset({"rm", "unlink", "rmdir", "shred", "DELETE", "DROP", "TRUNCATE", "-delete", "remove", "delete",
                       "del", "prune", "purge", "truncate"})  # fmt: skip


_NEGATED = re.compile(r"(?i)\b(?:not|no|nothing|never|without|none|neither|nor)\b(?:\W+\w+){0,2}\W*$")


def says_deletes(changes: str) -> str | None:
    """The verb with which `changes` tells a deletion ("deletes", "is deleted"), or None; a denied one ("nothing is
    deleted", "does not remove", "deletes nothing") tells none."""
    for m in _SAYS_DELETES.finditer(changes):
        if not _NEGATED.search(changes[: m.start()]) and not re.match(r"\W+nothing\b", changes[m.end() :]):
            return m.group(0)
    return None


def removes(d: Danger) -> bool:
    """Whether the command `d` removes something: its program, a subcommand or option of it, or its SQL statement."""
    words = d.command.split()
    program = words[0].rsplit("/", 1)[-1] if words else ""
    return program in _REMOVERS or bool(_REMOVERS & {*words[1:], *d.names})


@rule(
    "DEST036",
    "error",
    "a destructive block whose changes: says it deletes something runs a command that deletes",
    "changes: is what the responder agrees to before the block runs, and what the post-mortem counts on: a text that "
    "still says the restore deletes the stale -wal, -shm and -journal files after the `rm` was dropped from the code "
    "promises a clean swap the block no longer makes (the corrupt database's side files are then applied to the "
    "restored one). The reverse of DEST027: each block whose changes: tells a deletion (deletes, removes, erases, "
    "wipes, purges) holds a command the parse reads as one (rm, unlink, an `env rm`, a SQL DELETE or DROP).",
    "put the command back, or say in changes: (and undo:) what the block does now",
)
def deletions_are_run(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for s, (_, _, block) in zip(spots(cat), blocks(cat), strict=True):
        if not s.destructive or s.kind not in ("shell", "sql") or not (said := says_deletes(block.changes or "")):
            continue
        if not any(removes(d) for d in judged(cat, s)):
            message = f"changes: says the block {said!r}, but none of its commands deletes anything"
            yield report(s.file, (*s.path[:-1], "changes"), message, needle=said)
