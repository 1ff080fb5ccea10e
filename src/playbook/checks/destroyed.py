"""Checker rule on what a destructive block destroys: every placeholder a command of it removes, moves or overwrites
(named, or matched by a glob; a database sqlite3 restores into) is named in the block's `changes:` (DEST010)."""

from __future__ import annotations

import re
from fnmatch import fnmatchcase

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.data.walk import blocks
from playbook.runbooks.destructive import runs
from playbook.runbooks.shellparse import _text, _value
from playbook.runbooks.toolcheck import SQLITE_VALUE_OPTIONS

# Programs whose every operand is removed or replaced (`mv`: its sources are moved away, its target overwritten), and
# the subcommand words that make a tool remove what it is given (`vercel remove X`, `kubectl delete`).
REMOVING = frozenset({"rm", "rmdir", "unlink", "shred", "mv", "truncate"})
REMOVE_VERBS = frozenset({"rm", "remove", "delete", "destroy", "purge", "prune"})
# sqlite3's dot-commands that replace the whole database it opened (`sqlite3 A ".restore B"` copies B over A: sqlite3
# .help), whatever that file held.
SQLITE_REPLACING = frozenset({".restore"})
# ... and those that overwrite the file they are given with the opened database (`sqlite3 A ".backup B"` copies A over
# B, `.save B` and `.clone B` alike): the swapped arguments of a restore that empty the backup the other way round.
SQLITE_WRITING = frozenset({".backup", ".save", ".clone"})
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
    "placeholder's default, must be named in changes: by its name or its default; so must the database a `sqlite3` "
    'call replaces with `.restore` (`sqlite3 "$DB_BACKUP" ".restore \'$restoring\'"`, the arguments swapped, empties '
    "the backup), and the file a `.backup`, `.save` or `.clone` overwrites "
    '(`sqlite3 "$restoring" ".backup \'$DB_BACKUP\'"` empties it the other way round).',
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
    for node, program, operands in [*removals(code), *replaced(code)]:
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


def replaced(code: str):
    """(command node, program, [database word]) of each sqlite3 call whose SQL replaces the database it opens."""
    for node, words, argv in runs(code):
        if argv[0] != "sqlite3":
            continue
        db, sql, k = None, [], 1
        while k < len(argv):
            a, k = argv[k], k + 1
            name = "-" + a.lstrip("-")
            if a.startswith("-"):
                if name in SQLITE_VALUE_OPTIONS and k < len(argv):
                    sql += [(argv[k], words[k])] if name == "-cmd" else []
                    k += 1
            elif db is None:
                db = words[k - 1]
            else:
                sql.append((a, words[k - 1]))
        dots = {(ln.split()[0], w) for text, w in sql for ln in re.split(r"[\n;]", text) if ln.strip()[:1] == "."}
        hit = sorted(d for d, _ in dots if d in SQLITE_REPLACING)
        if db is not None and hit:
            yield node, f"sqlite3 {hit[0]}", [db]
        for d, w in sorted(((d, w) for d, w in dots if d in SQLITE_WRITING), key=lambda x: x[0]):
            yield node, f"sqlite3 {d}", [w]  # the word that holds the dot-command names the file it overwrites


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
