"""Checker rules on safety claims: prose never calls a block that writes read-only or lossless (DEST005), and a
check whose failure must stop the walk before a destructive block says `next: stop` (DEST006)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.kinds import prose
from playbook.data.markup import text_roots
from playbook.data.walk import runbooks, step_blocks, texts

_HARM = r"(?:lose|loses|losing|change|changes|changing|write|writes|writing|delete|deletes|deleting|destroy|destroys|" \
    r"modify|modifies|affect|affects|touch|touches|harm|harms|break|breaks)"  # fmt: skip
_WHOLE = r"(?:production|the\s+data(?:base)?|data|everything)"
# What a sentence says when it calls an action safe as a whole: read-only, harmless, it loses or changes nothing, no
# data is lost, no approval is needed. A claim about a part ("no existing file is changed", "the databases are only
# read", "committed data is kept") names what it keeps, and is none of these.
_CLAIMS = re.compile(
    rf"""(?ix)
    (?<![-\w])read[- ]only(?![- ](?:connection|copy|mode|flag|mount|replica|file|handle|open|option|access))
    | \bharmless\b | \bno[- ]op\b | \bno\s+(?:side[- ]?)?effects?\b | \bwithout\s+(?:any\s+)?side[- ]?effects?\b
    | \b(?:none|neither|nothing)\b(?:\s+of\s+(?:them|these|those|it|the\s+\w+))?\s+{_HARM}\b
    | \b{_HARM}\s+(?:nothing|no\s+data|no\s+rows|no\s+records|anything)\b
    | \bnothing\s+(?:is|will\s+be|gets|can\s+be)\s+(?:lost|changed|deleted|destroyed|modified|written|broken)\b
    | \bno\s+data\s+(?:is\s+|will\s+be\s+|gets\s+)?(?:lost|loss|deleted|changed)\b
    | \bwithout\s+(?:any\s+)?(?:data\s+)?loss\b
    | \b(?:none|nothing)\s+(?:is\s+)?needed\b | \bnothing\s+to\s+undo\b | \bno\s+undo\s+(?:is\s+)?needed\b
    | \bno\s+need\s+(?:to|for)\b[^.;:]{{0,30}}\b(?:approv|confirm|wait|ask|sign[- ]?off|review)
    | \b(?:does\s+not|doesn't|do\s+not|don't|will\s+not|won't|cannot|can't|never)\s+{_HARM}
      \s+(?:to\s+|from\s+)?(?:anything|any(?:\s+\w+)?|data|the\s+database|production|a\s+thing)\b
    | \bno\s+(?:rows?|records?|data)\s+(?:is\s+|are\s+)?(?:lost|deleted|changed|touched|written|modified)\b
    | \b(?:leaves\s+{_WHOLE}|{_WHOLE}\s+(?:stays|remains))\s+(?:untouched|unaffected|unchanged)\b
    | \bno\s+(?:downtime|risk)\b | \bzero\s+risk\b | \brisk[- ]free\b | \bnon[- ]destructive\b
    | \bno\s+approval\s+(?:is\s+)?(?:needed|required)\b | \bskip\s+(?:the\s+)?(?:confirmation|approval)\b
    | \bre-?run\s+safely\b | \bsafely\s+re-?run\b | \b(?:it|this|that|which)\s+(?:only|just)\s+reads\b
    | \b(?:always|completely|perfectly|totally|entirely|fully)\s+(?:safe|reversible)\b
    | \bsafe\s+to\s+(?:run|repeat|retry|re-?run|use)\s+(?:any\s*time|at\s+any\s+time|in\s+production|again)\b
    """
)
_NOTHING = re.compile(r"(?i)^\s*(none|nothing|n/?a|no changes?|-)\s*[.!]?\s*$")
_NEGATED = re.compile(r"(?i)\b(?:not|never|n't|cannot)\s+(?:\w+\s+)?$")


def claims(text: str) -> list[str]:
    """The phrases of `text` that call what it describes safe as a whole (not negated: "is not read-only")."""
    return [m.group(0) for m in _CLAIMS.finditer(text) if not _NEGATED.search(text[max(0, m.start() - 20) : m.start()])]


def _scoped(cat) -> Iterator[tuple[str, tuple, str, str]]:
    """(file, path, text, what it describes) of every prose field whose subject writes: a safe: reason (its block
    writes, or it needs none), a destructive block's changes and undo, a step's text and items when one of its blocks
    is destructive, and a runbook's intro and reasons when one of its blocks is."""
    for file, rb in runbooks(cat):
        for i, step in enumerate(rb.steps):
            for where, b in step_blocks(step):
                if b.safe and not isinstance(b.safe, str):
                    yield file, ("steps", i, *where, "safe", "why"), b.safe.why, "a block that writes (safe:)"
    books = dict(runbooks(cat))
    for file, path, text in texts(cat):
        rb = books[file]
        if path[0] in ("intro", "reasons") and any(b.destructive for s in rb.steps for _, b in step_blocks(s)):
            yield file, path, text, "a runbook with a destructive block"
        elif path[0] == "steps" and path[-1] in ("changes", "undo"):
            yield file, path, text, "a destructive block"
        elif path[0] == "steps" and any(b.destructive for _, b in step_blocks(rb.steps[path[1]])):
            yield file, path, text, "a step with a destructive block"
        elif act := action(text):
            yield file, path, text, f"an instruction to {act!r} (the same text)"
    for i, reason in enumerate(cat.data.safe_reasons):
        yield F.CATALOG, ("safe_reasons", i, "why"), reason.why, "a shared safe: reason (its blocks write)"


@rule(
    "DEST005",
    "error",
    "prose never calls a block that writes read-only, harmless or lossless: not its safe: reason, its changes or "
    "undo, its step's text, nor its runbook's intro",
    "A `safe:` block is one the parse does not prove read-only, and a destructive one changes production: the danger "
    "box, the runner's prompt and the page show their reason, changes and undo before the responder says yes. A "
    'sentence that calls them read-only, harmless, losing nothing, or needing no approval ("None of them loses '
    'data", "a restart loses nothing", "Read-only: … changes nothing") tells the responder the opposite of what the '
    'command does. A claim about a part ("no existing file is changed", "committed data is kept") names what '
    "is kept, and passes.",
    "say what the command changes and what it keeps (a test request counts against the rate limit; a restart rolls "
    "back open transactions); if it really writes nothing, make the parse prove it and drop safe:",
)
def no_false_safety_claims(ctx: CheckContext, report: Reporter):
    for file, path, text, what in _scoped(ctx.catalog):
        nothing = _NOTHING.match(text or "") if path[-1] == "changes" else None  # a destructive block changes something
        for phrase in ([nothing.group(1)] if nothing else claims(text or ""))[:1]:
            yield report(file, path, f"{phrase!r} said of {what}", needle=phrase)


@rule(
    "DEST006",
    "error",
    "a block whose failure is followed, in its step, by a destructive block stops the walk (on_failure next: stop)",
    "A check before a destructive part (no writer has the file open, the backup is healthy) exists to stop the walk "
    "when it fails: with `next: continue` (the default) `playbook run` goes on to the parts after it, and offers the "
    "destructive one on a state the check has just found unsafe.",
    "write `next: stop` under its on_failure (and say in `means:` what to fix before retrying)",
)
def guard_stops(ctx: CheckContext, report: Reporter):
    for file, rb in runbooks(ctx.catalog):
        for i, step in enumerate(rb.steps):
            found = list(step_blocks(step))
            for n, (where, b) in enumerate(found):
                after = [later for _, later in found[n + 1 :] if later.destructive]
                if b.on_failure is None or b.on_failure.next == "stop" or not after:
                    continue
                field = "next" if "next" in b.on_failure.model_fields_set else "means"
                message = "its failure lets the walk go on to a destructive block of this step"
                yield report(file, ("steps", i, *where, "on_failure", field), message)


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
    r"|env(?:ironment)?\s+variables?"
)
_FILE = r"[\w./$-]+\.(?:db|sqlite3?|sql|jsonl?|log|csv|bak|backup|env(?:\.\w+)?)\b|\.env(?:\.\w+)?\b"


def resources(cat) -> re.Pattern:
    """What an object of a destroy verb must name to be data: a placeholder of meta.yaml (not an address), its
    default path, a feature flag, a table of the app's schema (as named, or in words: "clinical notes"), a data
    file, or one of the data nouns above."""

    def make() -> re.Pattern:
        names: list[str] = []
        for p in cat.meta.placeholders:
            if "://" in str(p.default or ""):
                continue  # an address (BASE_URL) is no data to destroy
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
    "file, key or token) is a destructive action; its place is a block marked `destructive: true`, whose step may "
    "then say it.",
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
