"""Checker rule on what a destructive block destroys: every placeholder a command of it removes, moves or overwrites
(named, or matched by a glob) is named in the block's `changes:` (DEST010)."""

from __future__ import annotations

import re
from fnmatch import fnmatchcase

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.data.walk import blocks
from playbook.runbooks.destructive import runs
from playbook.runbooks.shellparse import _text, _value

# Programs whose every operand is removed or replaced (`mv`: its sources are moved away, its target overwritten), and
# the subcommand words that make a tool remove what it is given (`vercel remove X`, `kubectl delete`).
REMOVING = frozenset({"rm", "rmdir", "unlink", "shred", "mv", "truncate"})
REMOVE_VERBS = frozenset({"rm", "remove", "delete", "destroy", "purge", "prune"})
_VAR = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")


@rule(
    "DEST010",
    "error",
    "every placeholder a command of a destructive block removes, moves away or overwrites is named in its `changes:`",
    "The danger box shows `changes:` as what running the block costs, and a responder confirms on it. A command that "
    'removes more than it says (`mv "$DB_BACKUP" "$DB_PATH"` consumes the only backup; `rm "$DB_PATH"*` matches '
    '$DB_BACKUP\'s default prisma/dev.db.backup too; `vercel remove "$VERCEL_PROJECT"` deletes deployments) passes '
    "every other rule, since the block is already marked. Each operand of a removing command (rm, mv, unlink, shred, "
    "truncate, or a tool's rm/remove/delete subcommand) that expands a placeholder, or is a glob matching another "
    "placeholder's default, must be named in changes: by its name or its default.",
    "name what the command destroys in the block's changes: (and say how undo: restores it), or change the command "
    "so it touches only what changes: says",
)
def destroyed_is_said(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    defaults = {p.name: p.default for p in cat.meta.placeholders}
    for s, (_, _, block) in zip(spots(cat), blocks(cat), strict=True):
        if s.kind != "shell" or not s.destructive or block.changes is None:
            continue  # no changes: at all is RUN003's
        said = block.changes
        found = cat.memoized(("dest", "destroyed", s.code), lambda s=s: destroyed(s.code, defaults))
        for line, col, program, names in found:
            for name in names:
                default = defaults[name]
                if re.search(rf"\b{name}\b", said) or (default and default in said):
                    continue
                message = f"`{program}` destroys ${name}, which the block's changes: does not name"
                yield at(report, s, line, col, message)


def destroyed(code: str, defaults: dict[str, str | None]) -> list[tuple[int, int, str, list[str]]]:
    """(line, column, program, placeholders) of each command of a shell block that removes, moves or overwrites
    operands naming placeholders (a glob: those whose default it matches)."""
    out = []
    for node, program, operands in removals(code):
        names: list[str] = []
        for w in operands:
            names += [n for n in operand(w, defaults) if n not in names]
        if names:
            out.append((node.start_point[0] + 1, node.start_point[1] + 1, program, names))
    return out


def removals(code: str):
    """(command node, program, operand words) of each command of a shell block that removes, moves or overwrites."""
    for node, words, argv in runs(code):
        program, start = argv[0], 1
        if program not in REMOVING:
            verb = next((k for k in range(1, len(argv)) if argv[k] in REMOVE_VERBS), None)
            if verb is None:
                continue
            program, start = f"{program} {argv[verb]}", verb + 1
        yield node, program, operands(words[start:])


def operands(words) -> list:
    """The words of a command that are no options (up to `--`)."""
    out, options = [], True
    for w in words:
        a = _value(w)
        if options and a == "--":
            options = False
        elif not (options and a.startswith("-")):
            out.append(w)
    return out


def operand(word, defaults: dict[str, str | None]) -> list[str]:
    """The placeholders an operand word expands, and those whose default an unquoted glob in it matches."""
    text = _text(word)
    named = [n for n in _VAR.findall(text) if n in defaults]
    parts = word.children if word.type == "concatenation" else [word]
    pattern, glob = "", False
    for p in parts:
        value = _value(p)
        for n in _VAR.findall(value):
            value = value.replace(f"${{{n}}}", defaults.get(n) or "\0").replace(f"${n}", defaults.get(n) or "\0")
        if p.type == "word" and any(c in value for c in "*?["):
            pattern, glob = pattern + value, True
        else:
            pattern += re.sub(r"([*?\[])", r"[\1]", value)
    if glob:
        named += [n for n, d in defaults.items() if d and n not in named and fnmatchcase(d, pattern)]
    return named
