"""Checker rule on instructions in prose: the reader is never told to destroy data, in words or as a command in a
code span, outside a step whose block is marked destructive (DEST007); `action` finds the destructive action a text
gives, for DEST005."""

from __future__ import annotations

import re
import sqlite3

from playbook.checks.destructive import excusable
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.production import PRODUCTION_TOOLS
from playbook.checks.reruns import rerun_writes
from playbook.data.kinds import prose
from playbook.data.markup import text_roots
from playbook.data.walk import blocks, runbooks, step_blocks
from playbook.runbooks import sqlkind
from playbook.runbooks.destructive import programs, unproven
from playbook.runbooks.readonly import ALWAYS, FORMS
from playbook.runbooks.shellparse import parse_errors

# An instruction to destroy: a verb that deletes, empties, overwrites or revokes, said to the reader (its base form:
# "delete", "to delete", "you can delete"; never "deletes", "deleted", "deleting"), not negated ("do not delete").
# Hand-written: no library lists English verbs by what they do to data; each one here loses what it acts on.
_DESTROY = (
    r"delete|remove|rm|drop|truncate|wipe|erase|overwrite|reset|purge|clear|empty|discard|destroy|shred|unlink"
    r"|revoke|rotate|replace|move|mv|rename|vacuum|clean(?:\s+up)?|throw\s+away|get\s+rid\s+of"
)
_VERB = re.compile(rf"(?i)(?<![-\w$/.])(?:{_DESTROY})(?![-\w])")
_PASSIVE = (
    r"(?:can|may|should|must|could|is\s+to|are\s+to)\s+(?:safely\s+|simply\s+|just\s+)?be\s+"
    r"(?:deleted|removed|dropped|truncated|wiped|erased|overwritten|reset|purged|cleared|emptied|discarded|destroyed"
    r"|revoked|rotated|replaced|moved|renamed|vacuumed|cleaned\s+up|thrown\s+away)\b"
)
# Before a verb: what makes it no instruction (a negation, or the verb read as a noun: "a password reset", "the drop")
_NOT_SAID = re.compile(
    r"(?i)(?:\b(?:not|never|no|n't|cannot|without|avoid|nor|before\s+anything|instead\s+of)\s+(?:\w+\s+){0,2}"
    r"|\b(?:a|an|the|its|their|this|that|password|hard|soft|full|forced|factory)\s+)$"
)
# The words a destroy verb's object may take after it, up to its first clause boundary.
_CLAUSE = re.compile(r"[,;:!?()]|[.](?=\s|$)|\s(?:then|and\s+then|so|because|if|when|until|or\s+else)\s|\s[—–]\s")
# The data resources the runbooks act on that the data names in words, not as fields (the files and objects SQLite
# keeps a database in; the log export; the evidence an incident keeps); hand-written for the same reason. A
# resource the data declares (a placeholder, a file path, a table of data/app, a feature flag) is read from the data.
_NOUNS = (
    r"databases?|db|backups?|(?:database|db|side|log|wal|journal|lock)\s+files?|write-ahead\s+log|wal|shm|journal"
    r"|-wal|-shm|-journal|tables?|rows?|records?|indexe?s|indices|schema|volumes?|logs?|log\s+exports?|exports?"
    r"|counters|sessions|api\s+keys?|keys?|tokens?|secrets?|credentials?|passwords?|migrations?"
    r"|env(?:ironment)?\s+variables?|(?:kept|corrupt|salvaged|database)\s+(?:cop(?:y|ies)|folders?)"
)
_FILE = r"[\w./$-]+\.(?:db|sqlite3?|sql|jsonl?|log|csv|bak|backup|env(?:\.\w+)?)\b|\.env(?:\.\w+)?\b"


def resources(cat) -> re.Pattern:
    """What an object of a destroy verb must name to be data: a placeholder of meta.yaml (not an address), its
    default path, a feature flag, a table of the app's schema (as named, or in words: "clinical notes"), a data
    file, or one of the data nouns above."""

    def make() -> re.Pattern:
        names: list[str] = []
        for p in cat.meta.placeholders:
            default = str(p.default or "")
            if not (p.secret or re.search(r"[/.]", default)) or "://" in default:
                continue  # an address (BASE_URL) or a value to type (USER_ID, SINCE) is no data to destroy
            names += [rf"\$\{{?{p.name}\b\}}?", rf"\b{p.name}\b"]
            if isinstance(p.default, str) and p.default:
                names.append(re.escape(p.default) + r"\b")
        names += [rf"\b{re.escape(f.name)}\b" for f in cat.data.feature_flags]
        for table in app_tables(cat.project.app_schema):
            words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", table).lower()
            names += [rf"\b{table}\b", rf"(?i:\b{words}s?\b)", rf"(?i:\b{words.rsplit(' ', 1)[-1]}s?\b)"]
        return re.compile("|".join([*names, rf"(?i:(?<![\w-])(?:{_NOUNS})(?![\w-]))", _FILE]))

    return cat.memoized(("destroy", "resources"), make)


def app_tables(schema) -> list[str]:
    """The tables of the app's schema (data/app), as SQLite reads them; none when the file cannot be read."""
    try:
        con = sqlite3.connect(":memory:")
        try:
            con.executescript(schema.read_text(encoding="utf-8"))
            return [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        finally:
            con.close()
    except (OSError, sqlite3.Error, ValueError):
        return []


def destroy_instructions(text: str, data: re.Pattern) -> list[tuple[str, str]]:
    """(the instruction, its verb) of every sentence part of `text` that tells the reader to destroy a resource
    `data` matches: "delete $DB_BACKUP", "wipe the stale -wal file", "$DB_PATH-wal can safely be deleted"."""
    out = []
    for m in _VERB.finditer(text):
        if _NOT_SAID.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        rest = text[m.end() : m.end() + 80]
        end = _CLAUSE.search(rest)
        window = rest[: end.start() if end else len(rest)]
        window = " ".join(window.split()[:7])
        if obj := data.search(window):
            out.append((text[m.start() : m.end()] + " " + window[: obj.end()].strip(), m.group(0)))
    for said in _SAID_DONE.finditer(text):  # "… can safely be deleted": its subject is the data just before it
        before = text[max(0, said.start() - 60) : said.start()]
        for obj in data.finditer(before):
            if _TAIL.fullmatch(before[obj.end() :]):
                out.append((before[obj.start() :] + said.group(0), obj.group(0)))
                break
    return out


_SAID_DONE = re.compile(rf"(?i){_PASSIVE}")
_TAIL = re.compile(r"[\w./$-]*(?:\s+files?)?\s+")


@rule(
    "DEST007",
    "error",
    "prose never tells the reader to destroy data (delete, drop, truncate, wipe, overwrite, reset, revoke …) outside a "
    "step whose block is marked destructive",
    'A destroy instruction written as text ("delete $DB_PATH-wal and retry", "free up space: delete $DB_BACKUP") is '
    "followed by hand: no danger box, no confirmation, no changes: and no undo:, and the parse of the commands never "
    "sees it. Deny by default: a destroy verb whose object is data the playbook declares (a placeholder such as "
    "$DB_PATH or its default path, a table of data/app, a feature flag, a data file, a database, backup, log, side "
    "file, key or token) is a destructive action, and so is a command line in a code span of any text that the "
    "blocks' parse does not prove read-only and that does more than add (`ln -sf $DB_BACKUP $DB_PATH`, "
    "`UPDATE ClinicalNote …`, `vercel rollback --yes`); its place is "
    "a block marked `destructive: true`, whose step may then say it. A text that asks for its step's command without "
    'an option the parse proves it read-only with, and not without ("run it again without -readonly": sqlite3 then '
    "creates an empty database where the file is missing), destroys as well.",
    "write the action as a block with `destructive: true`, `changes:` and `undo:` (and say in its step why), or "
    "say what to check instead (escalate to the owner of the data)",
)
def no_destroy_in_prose(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    data = resources(cat)
    books = dict(runbooks(cat))
    for file, model in text_roots(cat):
        rb = books.get(file) if model is books.get(file) else None
        for path, text in prose(model):
            step = rb.steps[path[1]] if rb is not None and path[0] == "steps" and isinstance(path[1], int) else None
            if step is not None and any(b.destructive for _, b in step_blocks(step)):
                continue  # the step of a destructive block says what it destroys
            for said, verb in destroy_instructions(text or "", data)[:1]:
                lines = report.lines(file)
                needle = said if any(said in line for line in lines) else verb
                yield report(file, path, f"{said!r}: a destroy instruction outside a destructive block", needle=needle)
                break
            else:
                for span, why in destroy_commands(cat, text or "")[:1]:
                    message = f"`{span}` in a text, outside a destructive block: {why}"
                    yield report(file, path, message, needle=_needle(span, report.lines(file)))
                    break
                else:
                    mine = step_blocks(step) if step is not None else []
                    codes = [b.code for _, b in mine if b.kind == "shell"]
                    key = ("dest", "reruns", text, *codes)
                    for said, why in cat.memoized(key, lambda t=text, c=codes: rerun_writes(t or "", c))[:1]:
                        message = f"{said!r}: the text asks for the step's command without the option that keeps it "
                        yield report(file, path, message + f"read-only: {why}", needle=said)


def _needle(span: str, lines: list[str]) -> str | None:
    """The longest start of `span` a line of its file holds as typed (a YAML escape, `\\"`, ends it); None if none."""
    for end in sorted({len(span), *(i for i, ch in enumerate(span) if ch in "\"'\\ ")}, reverse=True):
        if end and any(span[:end] in line for line in lines):
            return span[:end]
    return None


# An action given in words as a noun after a light verb ("force a password reset", "run a full wipe").
_ACTION_NOUN = re.compile(
    r"(?i)\b(?:force|run|do|perform|trigger|issue|start|schedule)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:reset|wipe|purge|deletion|rollback|revocation|rotation|restart|redeploy(?:ment)?|rebuild|migration)\b"
)


def action(text: str) -> str:
    """The first destructive action `text` tells the reader to take, whatever it acts on ("Force a password reset",
    "drop the cache"); '' when it gives none. A text that gives one cannot also call it harmless (DEST005)."""
    if m := _ACTION_NOUN.search(text):
        return m.group(0)
    for m in _VERB.finditer(text):
        if not _NOT_SAID.search(text[max(0, m.start() - 40) : m.start()]):
            return m.group(0) + " " + " ".join(text[m.end() : m.end() + 40].split()[:2])
    return ""


_NEGATION = re.compile(r"(?i)\b(?:not|never|n't|cannot|without|avoid|instead\s+of)\s+(?:\w+\s+){0,2}$")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1")
# The keywords a SQL statement opens with (SQLite's grammar): a code span opening with one is SQL, judged as such.
_SQL_OPENERS = {
    "SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "DROP", "ALTER", "CREATE", "VACUUM", "REINDEX", "ANALYZE",
    "PRAGMA", "ATTACH", "DETACH", "WITH", "EXPLAIN",
}  # fmt: skip
# Programs a code span may name besides those the data's blocks run and readonly.py lists: the ones that delete, move,
# overwrite or change a database or a service by what they are (hand-written: no library sorts programs so).
_WRITERS = {
    "rm", "rmdir", "mv", "dd", "truncate", "shred", "unlink", "chmod", "chown", "kill", "pkill", "killall", "sed",
    "perl", "crontab", "psql", "mysql", "redis-cli", "mongosh", "npx", "npm", "prisma", "sqlite3", "find", "rsync",
}  # fmt: skip


def _programs(cat) -> frozenset[str]:
    """The programs a code span in prose is read as a command of: those the data's blocks run, readonly.py's, the
    production tools (DEST008) and the writers above."""

    def make() -> frozenset[str]:
        run = {p for _, _, b in blocks(cat) if b.kind in ("shell", "jq") for p in programs(b.code)}
        return frozenset(run | ALWAYS | set(FORMS) | PRODUCTION_TOOLS | _WRITERS)

    return cat.memoized(("instructions", "programs"), make)


# A code span of several words is a command when bash would run it as one: it parses, and its first word names a
# program as typed (lowercase, an optional path); a name, a path, a field or a JSON value alone is no command. No list
# of programs: the same deny-by-default parse as the blocks' judges it (a one-word span: only a program named above).
_PROGRAM = re.compile(r"(?:\.?/?(?:[\w.-]+/)*)?[a-z][a-z0-9_+-]*")


def _is_command(span: str, cat) -> bool:
    words = span.split()
    name = words[0].rsplit("/", 1)[-1]
    if len(words) == 1:
        return name in _programs(cat)
    return bool(_PROGRAM.fullmatch(words[0])) and not parse_errors(span)


def destroy_commands(cat, text: str) -> list[tuple[str, str]]:
    """(the span, why) of every code span of `text` that is a command (SQL, or a command line that bash runs) which
    changes what exists: not proven read-only by the blocks' parse, and more than a write that only adds (DEST004's
    test); a negated one is left out, and so is a program named without what it reads (it would wait for typing)."""
    out = []
    for m in _CODE_SPAN.finditer(text):
        span = m.group(2).strip()
        if not span or _NEGATION.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        first = span.split(None, 1)[0]
        if first.upper() in _SQL_OPENERS and (first.isupper() or " " in span):
            found = sqlkind.writes(span, script=False) if not span.lstrip().startswith(".") else []
            out += [(span, f"the SQL is not read-only ({w.what})") for w in found[:1]]
        elif _is_command(span, cat):
            dangers = [
                d for d in unproven(span) if any(not excusable(n) for n in d.names) and "terminal" not in d.reason
            ]
            out += [(span, d.reason) for d in dangers[:1]]
    return out
