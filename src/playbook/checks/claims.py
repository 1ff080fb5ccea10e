"""Checker rules on safety claims: prose never calls a block that writes read-only or lossless (DEST005), and a
check whose failure must stop the walk before a destructive block says `next: stop` (DEST006)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.instructions import action
from playbook.data import files as F
from playbook.data.walk import blocks, runbooks, step_blocks, texts

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
    | \bnothing\s+(?:is|will\s+be|gets|can\s+be)\s+(?:lost|changed|deleted|destroyed|modified|written|broken|removed
      |sent|counted|overwritten|replaced|dropped|touched|charged)\b(?!\s+(?:before|until|unless|if|when|while)\b)
    | \bsafe\s+to\s+(?:try|test|run|use|copy|repeat|retry|re-?run|call|send)\b
    | \b(?:connections|transactions|sessions|requests|clients|users)\b[^.;]{{0,30}}
      \b(?:carry|carries)\s+on\b(?!\s+\w+ing)
    | \b(?:connections|transactions|sessions)\s+(?:stay|stays|remain|remains)\s+open\b
    | \b(?:without\s+(?:any\s+)?interruption|uninterrupted)\b
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
    | \b(?:run|repeat|retry|re-?run)\s+(?:it\s+)?(?:as\s+(?:often|many\s+times)\s+as|repeatedly|at\s+will)\b
    | \b(?:is|are)\s+(?:all\s+|each\s+)?(?:fully\s+)?reversible\b
    | \bneeds?\s+no\s+(?:confirmation|approval|sign[- ]?off|second\s+pair)\b
    | \bskip\s+(?:the\s+)?(?:prompt|danger\s+box)\b
    | \bcan\s+(?:all\s+|always\s+)?be\s+(?:undone|reverted|rolled\s+back)\b
    | \bwithout\s+(?:waiting|asking|(?:a\s+|any\s+)?(?:confirmation|approval|sign[- ]?off))\b
    | \bno\s+(?:confirmation|sign[- ]?off)\s+(?:is\s+)?(?:needed|required)\b
    | \bno\s+(?:re-?)?deploy(?:ment)?s?\s+(?:is\s+|are\s+)?(?:needed|required|necessary)\b
    | \bno\s+need\s+(?:to|for\s+a)\s+(?:re-?)?deploy | \bwithout\s+(?:a\s+|any\s+)?(?:re-?)?deploy(?:ment|ing)?\b
    """
)
_NOTHING = re.compile(r"(?i)^\s*(none|nothing|n/?a|no changes?|-)\s*[.!]?\s*$")
_NEGATED = re.compile(r"(?i)\b(?:not|never|n't|cannot)\s+(?:\w+\s+)?$")
# "read-only" that names how something is opened ("opens the file read-only", "the kept copy (read-only)") is a mode.
_MODE = re.compile(r"(?i)(?:\bopen(?:s|ed|ing)?\b[^.;:]{0,30}|\()$")


def claims(text: str) -> list[str]:
    """The phrases of `text` that call what it describes safe as a whole (not negated: "is not read-only")."""
    found = []
    for m in _CLAIMS.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        if _NEGATED.search(before[-20:]) or (m.group(0).lower().startswith("read") and _MODE.search(before)):
            continue
        found.append(m.group(0))
    return found


def _scoped(cat) -> Iterator[tuple[str, tuple, str, str]]:
    """(file, path, text, what it describes) of every prose field whose subject writes: a safe: reason (its block
    writes, or it needs none), a destructive block's changes and undo, a step's text and items when one of its blocks
    is destructive or one of its texts gives a destructive action ("Force a password reset"), a runbook's intro and
    reasons when one of its blocks is destructive, and any text that gives such an action."""
    for file, rb in runbooks(cat):
        for i, step in enumerate(rb.steps):
            for where, b in step_blocks(step):
                if b.safe and not isinstance(b.safe, str):
                    yield file, ("steps", i, *where, "safe", "why"), b.safe.why, "a block that writes (safe:)"
            for k, opt in enumerate(step.options):  # an option's title is its label ("Option 1: …"), texts() has none
                if any(b.destructive for b in opt.blocks):
                    yield file, ("steps", i, "options", k, "title"), opt.title, "an option with a destructive block"
    books = dict(runbooks(cat))
    found = list(texts(cat))
    acts = {(f, p[1]): a for f, p, t in found if p[0] == "steps" and (a := action(t))}  # a step that gives an action
    for file, path, text in found:
        rb = books[file]
        if path[0] in ("intro", "reasons") and any(b.destructive for s in rb.steps for _, b in step_blocks(s)):
            yield file, path, text, "a runbook with a destructive block"
        elif path[0] == "steps" and path[-1] in ("changes", "undo"):
            yield file, path, text, "a destructive block"
        elif path[0] == "steps" and any(b.destructive for _, b in step_blocks(rb.steps[path[1]])):
            yield file, path, text, "a step with a destructive block"
        elif path[0] == "steps" and path[-1] != "title" and any(b.safe for _, b in step_blocks(rb.steps[path[1]])):
            yield file, path, text, "a step whose block writes (safe:)"
        elif act := action(text) or (path[0] == "steps" and acts.get((file, path[1]))):
            yield file, path, text, f"a step that tells the reader to {act!r}"
    for i, reason in enumerate(cat.data.safe_reasons):
        yield F.CATALOG, ("safe_reasons", i, "why"), reason.why, "a shared safe: reason (its blocks write)"
    yield from _about_writes(cat)
    yield from _writers(cat)


_COMMENT = re.compile(r"^\s*#(?!!)(.*)$", re.M)


def _writers(cat) -> Iterator[tuple[str, tuple, str, str]]:
    """The comments inside a block the parse does not prove read-only, the help of an endpoint that a request changes
    (not GET, or counted by a rate limit), and the meaning of a placeholder such a block uses."""
    used: set[str] = set()
    for file, path, b in blocks(cat):
        if b.safe or b.destructive:
            used.update(re.findall(r"\$\{?([A-Z_][A-Z0-9_]*)", b.code))
            for m in _COMMENT.finditer(b.code):
                yield file, (*path, "code"), m.group(1), "a block that writes (its comment)"
    for i, e in enumerate(cat.data.endpoints):
        if e.help and (e.method != "GET" or e.rate_limit):
            yield F.CATALOG, ("endpoints", i, "help"), e.help, f"an endpoint a request changes ({e.method} {e.path})"
    for i, p in enumerate(cat.meta.placeholders):
        if p.name in used and p.meaning:
            yield F.META, ("placeholders", i, "meaning"), p.meaning, f"{p.name}, used by blocks that write"


# A text that speaks of the destructive steps as a whole ("destructive steps", "a destructive block"), or of opening a
# database for writing ("read-write", "without -readonly"): what it claims of them is weighed against the data.
_DESTRUCTIVE = re.compile(r"(?i)\b(?:destructive|dangerous)\s+(?:steps?|blocks?|parts?|commands?|actions?|ones?)\b")
_WRITE_MODE = re.compile(r"(?i)\bread[- /]write\b|\bwithout\s+(?:the\s+)?`?-readonly\b|\bfor\s+writing\b")
_NO_UNDO = re.compile(r"(?i)\bcannot\s+be\s+undone\b|\bcan't\s+be\s+undone\b|^\s*none\b|\birreversible\b")


def _about_writes(cat) -> Iterator[tuple[str, tuple, str, str]]:
    """Any published text that names the destructive steps while some destructive block's undo says it cannot be
    undone (the witness: that block), or that names opening a database read-write (it creates a missing file)."""
    from playbook.data.kinds import prose
    from playbook.data.markup import text_roots

    lasting = [f"{f} step {i + 1}" for f, rb in runbooks(cat) for i, s in enumerate(rb.steps)
               for _, b in step_blocks(s) if b.destructive and _NO_UNDO.search(b.undo or "")]  # fmt: skip
    for file, model in text_roots(cat):
        for path, text in prose(model):
            if lasting and _DESTRUCTIVE.search(text or ""):
                yield file, path, text, f"the destructive steps (the undo of {lasting[0]} says it cannot be undone)"
            elif _WRITE_MODE.search(text or ""):
                yield file, path, text, "a database opened for writing (a missing file is created, empty)"


@rule(
    "DEST005",
    "error",
    "prose never calls a block that writes read-only, harmless or lossless: not its safe: reason, its changes or "
    "undo, its comments, its step's text, its runbook's intro, the help of an endpoint a request changes, nor the "
    "meaning of a placeholder it uses; a text on the destructive steps as a whole or on opening a "
    "database read-write is weighed against the data (an undo that says it cannot be undone)",
    "A `safe:` block is one the parse does not prove read-only, and a destructive one changes production: the danger "
    "box, the runner's prompt and the page show their reason, changes and undo before the responder says yes. A "
    'sentence that calls them read-only, harmless, losing nothing, or needing no approval ("None of them loses '
    'data", "a restart loses nothing", "Read-only: … changes nothing") tells the responder the opposite of what the '
    'command does. A claim about a part ("no existing file is changed", "committed data is kept") names what '
    "is kept, and passes. The data is the witness: a text that speaks of the destructive steps as a whole (on-call "
    "duties, a decision) cannot call them all undoable or fit to run without waiting while some block's undo says it "
    "cannot be undone, nor can a text that opens a database read-write (sqlite3 without -readonly creates a missing "
    "file, empty) call that harmless.",
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
