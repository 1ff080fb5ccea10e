"""Checker rules that refuse a seed form a decision settled coming back: the feature flag set in a shell (DEC008), the
database's files moved rather than copied (DEC009), jq reading nothing (DEC010); a log query piped into head
(D-log-query-edges) is DEST032's (checks/early_readers.py), which refuses any reader that stops early."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at_node, spots
from playbook.data.walk import blocks
from playbook.runbooks.destructive import runs
from playbook.runbooks.shellparse import _parser, _text, _walk

# jq's options that take one or two values (its manual): the words after them are no filter and no file
_JQ_VALUES = {"-f": 1, "--from-file": 1, "-L": 1, "--indent": 1, "--arg": 2, "--argjson": 2, "--slurpfile": 2,
              "--rawfile": 2}  # fmt: skip


def assignments(code: str, names: set[str]) -> Iterator[Node]:
    """Each assignment (plain, exported, or before a command) of a shell variable named in `names`."""
    for node in _walk(_parser().parse(code.encode()).root_node):
        if node.type == "variable_assignment" and node.named_children and _text(node.named_children[0]) in names:
            yield node


@rule(
    "DEC008",
    "error",
    "a feature flag is set in the deployment's environment (vercel env), never by a shell assignment or export",
    "D-env-flag: the seed ran `FEATURE_AI_ENABLED=false` in a shell. That sets a variable of the responder's own "
    "shell (export: of its children); production never sees it, the redeploy runs with the flag as it was, and the "
    "step reads as done while AI stays on.",
    "set the flag with `printf 'false' | vercel env add FLAG production` (after `vercel env rm`), then redeploy",
)
def flags_not_exported(ctx: CheckContext, report: Reporter):
    names = {f.name for f in ctx.catalog.data.feature_flags}
    for s in spots(ctx.catalog):
        if s.kind != "shell" or not any(n in s.code for n in names):
            continue
        for node in assignments(s.code, names):
            name = _text(node.named_children[0])
            message = f"{_text(node)} sets a variable of this shell only: production never sees {name}"
            yield at_node(report, s, node, message)


def databases(cat) -> set[str]:
    """The placeholders that name a live database file (their example is a .db, .sqlite or .sqlite3 file)."""
    return {p.name for p in cat.meta.placeholders if re.search(r"\.(?:db|sqlite3?)$", str(p.default or ""))}


def _live(names: set[str]) -> re.Pattern:
    """A path that is a live database file, one of its side files, or the copy of them kept aside (.corrupt-…)."""
    name = "|".join(sorted(map(re.escape, names))) or "(?!)"
    return re.compile(rf"\$\{{?(?:{name})\}}?(?:(?:-wal|-shm|-journal)?(?=[\"'\s/]|$)|\.corrupt)")


def _values(code: str) -> dict[str, str]:
    """The text each shell variable of a block is given (an assignment, or a for loop's list)."""
    out = {m[1]: m[2] for m in re.finditer(r"(?m)^\s*(?:local\s+|export\s+)?(\w+)=(\S+)", code)}
    out |= {m[1]: m[2] for m in re.finditer(r"\bfor\s+(\w+)\s+in\s+([^;\n]+)", code)}
    return out


def _resolved(word: str, values: dict[str, str]) -> str:
    for _ in range(3):
        word = re.sub(r"\$\{?(\w+)(?:\[[^]]*\])?\}?", lambda m: values.get(m[1], m[0]), word)
    return word


def moved(code: str, names: set[str]) -> Iterator[tuple[Node, str]]:
    """(the mv command, its source as written) of each mv in a block whose source is a live database file, a side file
    of it, or the copy kept aside."""
    live, values = _live(names), _values(code)
    for node, words, argv in runs(code):
        if argv[0] != "mv":
            continue
        texts = [_text(w) for w in words[1:]]
        operands = [t for t, a in zip(texts, argv[1:], strict=True) if not a.startswith("-")]
        target = any(a in ("-t", "--target-directory") or a.startswith("--target-directory=") for a in argv[1:])
        for source in operands if target else operands[:-1]:
            if live.search(_resolved(source, values)):
                yield node, source
                break


# a move said (not denied: "copied, never moved", "not renamed")
_MOVE = re.compile(r"(?<!never )(?<!not )(?<!no )\b(?:mv|move[sd]?|moving|renamed?|renames|renaming)\b", re.I)


@rule(
    "DEC009",
    "error",
    "a database file, its side files and the copy kept aside are copied, never moved (mv), in a command or in a "
    "block's changes: and undo:",
    "D-restore-writes: the seed's restore left nothing of the corrupt file. The restore keeps it by copying it aside: "
    "a restore stopped on a corrupt backup then leaves the live file as it was (the backup-corrupt drill checks it, "
    "byte for byte), and the salvage and the post-mortem's Data lost read the kept copy. A move empties the live path "
    "(the app, or a read-write sqlite3, then creates an empty database there) or the kept folder, and a second "
    "failure leaves no copy of the corrupt database at all.",
    'copy instead: `cp -p -- "$DB_PATH" "$keep/"` (and say copy, not move, in changes: and undo:)',
)
def databases_copied(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    names = databases(cat)
    if not names:
        return
    # a sentence of changes:/undo: about the database's files: it names them, or the corrupt file kept aside
    live = re.compile(r"\$\{?(?:" + "|".join(map(re.escape, sorted(names))) + r")\b|\b[Cc]orrupt\b")
    for s, (file, path, block) in zip(spots(cat), blocks(cat), strict=True):
        if s.kind == "shell" and "mv" in s.code:
            for node, source in moved(s.code, names):
                message = f"mv moves {source} away: the database (or its kept copy) is no longer where it was"
                yield at_node(report, s, node, message)
        for field in ("changes", "undo"):
            for sentence in re.split(r"(?<=[.;:])\s+", getattr(block, field, None) or ""):
                if live.search(sentence) and (m := _MOVE.search(sentence)):
                    at_field = (*(path[:-1] if path[-1] == "code" else path), field)
                    message = f"{field}: says {m[0]!r} of the database's files: they are copied aside, never moved"
                    yield report(file, at_field, message, needle=m[0])


def _fed(node: Node) -> bool:
    """Whether a command reads a pipe, a redirected file, a here-string or a here-document (its own, or its
    enclosing statement's, up to a command substitution)."""
    if any(
        c.type == "herestring_redirect" or (c.type == "file_redirect" and _text(c).startswith("<"))
        for c in node.children
    ):
        return True
    child = node
    while (parent := child.parent) is not None and parent.type not in ("command_substitution", "program"):
        if parent.type == "pipeline" and parent.named_children and parent.named_children[0] != child:
            return True
        if parent.type == "redirected_statement" and any(
            c.type in ("herestring_redirect", "heredoc_redirect")
            or (c.type == "file_redirect" and _text(c).lstrip("0123456789").startswith("<"))
            for c in parent.children
        ):
            return True
        child = parent
    return False


def unfed_jqs(code: str) -> Iterator[Node]:
    """Each jq that names no file, is not given -n, and reads no pipe or redirection: it waits on the terminal."""
    for node, _, argv in runs(code):
        if argv[0] != "jq":
            continue
        operands, k, positional = [], 1, False
        while k < len(argv):
            a = argv[k]
            if a in ("-n", "--null-input") or (re.fullmatch(r"-[a-zA-Z]+", a) and "n" in a):
                break
            if a in ("--args", "--jsonargs"):
                positional = True
            elif a in _JQ_VALUES:
                k += _JQ_VALUES[a]
                if a in ("-f", "--from-file"):
                    operands.append("<filter file>")
            elif (not a.startswith("-") or a == "-") and (not positional or not operands):
                operands.append(a)
            k += 1
        else:
            if len(operands) < 2 and not _fed(node):
                yield node


@rule(
    "DEC010",
    "error",
    "a jq command has input: a file it names, a pipe, a redirection, or -n",
    "D-jq-stdin: the seed ran curl, then a separate `jq '.refused'` that reads nothing. jq given only a filter reads "
    "standard input: in a terminal it waits for the responder to type JSON, under `playbook run` it reads nothing and "
    "prints nothing, and the step that was to tell whether AI is refused says nothing.",
    "pipe the command whose output jq reads into it (`curl … | jq '.refused'`), or name the file: `jq … \"$LOG_FILE\"`",
)
def jq_has_input(ctx: CheckContext, report: Reporter):
    for s in spots(ctx.catalog):
        if s.kind not in ("shell", "jq") or "jq" not in s.code:
            continue
        for node in unfed_jqs(s.code):
            message = f"{_text(node)} names no file and reads no pipe: it waits on standard input"
            yield at_node(report, s, node, message)


@rule(
    "DEC011",
    "error",
    "a command is written out in full: no word of it is an ellipsis (`...`, `…`) standing for what was left out",
    "D-reenable-curl: the seed's Re-enable AI ended with `curl -X POST https://app.dramal.com/api/ai/generate-note "
    "...`, which cannot be run: the `...` is passed to the program as an argument (curl fetches a host named ...), "
    "and the check that AI works again fails or proves nothing. The full command is written where it is run.",
    "write the whole command (the full verify call of Verify AI is Disabled), or put the elided part in a comment",
)
def commands_whole(ctx: CheckContext, report: Reporter):
    for s in spots(ctx.catalog):
        if s.kind != "shell" or ("..." not in s.code and "…" not in s.code):
            continue
        for _, words, argv in runs(s.code):
            for word, value in zip(words[1:], argv[1:], strict=True):
                if re.fullmatch(r"\.{3,}|…+", value):
                    message = f"{argv[0]} is given {value!r}: the command stands for one left out and cannot be run"
                    yield at_node(report, s, word, message)
