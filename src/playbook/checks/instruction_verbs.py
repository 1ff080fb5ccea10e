"""Checker rules DEST035, DEST037: prose instructs only with reviewed verbs, and a destructive step's title says so."""

from __future__ import annotations

import functools
import importlib.metadata
import re
from collections.abc import Iterator, Mapping

from playbook.checks import cache as pc
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.kinds import prose
from playbook.data.markup import CODE_SPAN
from playbook.data.walk import runbooks

# The verbs an instruction may give anywhere: to look, read, find, wait, record, work on a fix, follow a runbook, and
# tell, page or escalate to the team through the playbook's own channels. Hand-written, as a reviewed list: no
# library sorts English verbs by whether following them at 3 a.m. is harmless; deny by default is the point.
_SAFE = frozenset({
    "acknowledge", "ask", "assess", "call", "check", "click", "communicate", "compare", "confirm", "contact", "count",
    "create", "declare", "document", "escalate", "execute", "filter", "find", "fix", "follow", "free", "go", "handle",
    "identify", "inform", "investigate", "keep", "learn", "log", "look", "mitigate", "monitor", "note", "notify",
    "open", "page", "read", "record", "resolve", "respond", "run", "search", "see", "step", "tell", "test", "update",
    "use", "verify", "wait", "watch", "write",
})  # fmt: skip
# The verbs that change production, data or access: a runbook's step may give them (its blocks, DEST007 and DEST034
# judge how), any other text may not (a checklist item, a duty, a level's response).
_CHANGE = frozenset({
    "add", "block", "change", "copy", "delete", "deploy", "disable", "enable", "force", "promote", "redeploy",
    "restart", "restore", "retry", "revert", "roll", "salvage", "stop", "turn", "undo",
})  # fmt: skip
# The verbs that work a control of a user interface: what they do is the control's name ("click Redeploy")
_CONTROLS = frozenset({"click", "press", "hit", "tap", "select", "choose", "push"})
# Auxiliaries: "do not restore" is no instruction to do.
_AUX = frozenset({"do", "be", "have"})
# The words after which a word that is also a noun is read as a verb ("Give the users …", "post it …"): determiners,
# pronouns, particles and prepositions. Hand-written: closed classes, short and stable.
_FUNCTION = frozenset({
    "a", "an", "the", "each", "every", "all", "any", "both", "it", "them", "this", "that", "these", "those", "its",
    "their", "your", "our", "some", "no", "up", "back", "off", "out", "down", "over", "on", "in", "into", "to",
    "with", "for", "from", "by", "at", "as", "if", "within", "during", "until", "before", "after", "now", "again",
    "immediately", "first", "only",
})  # fmt: skip
# Where an instruction to the reader starts: a text's start, after a sentence's end, a colon, a semicolon, an arrow,
# a bracket or a dash, after a comma, and after the words that join a second instruction to the first.
_START = re.compile(
    r"(?i)(?:^|[.!?:;→(]\s+|\s[—–]\s|,\s+|\b(?=(?:then|and|or|so)\s))(?:(?:then|and|or|so)\s+)*([a-z][\w-]*)"
    r"(?=\s+([\w$-]+))?"
)
# The conjunctions lemminflect's dictionary (open-class words) lacks: never an instruction's verb.
_CONJUNCTIONS = frozenset({"and", "or", "but", "nor", "if", "unless", "because", "although", "though", "than", "per"})
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
# Fields whose text is not said to the reader as an instruction: names, titles of pages, search words, help lines
# and descriptions, conditions and symptoms (what is seen), and what a block changes (its own warning).
_NOT_INSTRUCTIONS = frozenset({
    "changes", "columns", "conditions", "example", "fields", "heading", "help", "keywords", "meaning", "name",
    "purpose", "sections", "symptoms", "synonyms", "table", "why", "words",
})  # fmt: skip
# The files whose texts instruct the reader: the runbooks, and the single files of the incident process, the duties
# and the levels. The rest describe (the catalog's help, the decisions, the search vocabulary, contacts, routes).
_INSTRUCTING = (F.INCIDENT, F.ONCALL, F.SEVERITIES)


Lemmas = Mapping[str, Mapping[str, tuple[str, ...]]]  # {word: {part of speech: its lemmas}}


@functools.cache
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    # lemminflect: a dictionary of English words' lemmas by part of speech, shipped in its wheel (no download)
    from lemminflect import getAllLemmas

    return getAllLemmas(word)


def lemma_table(words: set[str], cache: pc.Cache | None) -> Lemmas:
    """The lemmas of `words`, read back from `check`'s cache when the same words were looked up before: loading
    lemminflect's dictionary takes 0.3-0.4 s, which a warm run of unchanged texts need not pay."""
    ordered = sorted(words)
    k = pc.key("lemmas", importlib.metadata.version("lemminflect"), *ordered) if cache else None
    hit = cache.get("lemmas", k) if cache and k else None
    if isinstance(hit, dict) and sorted(hit) == ordered and all(isinstance(v, dict) for v in hit.values()):
        return {w: {pos: tuple(lem) for pos, lem in hit[w].items()} for w in ordered}
    table = {w: _lemmas(w) for w in ordered}
    if cache and k:
        cache.put("lemmas", k, {w: {pos: list(lem) for pos, lem in t.items()} for w, t in table.items()})
    return table


def _is_verb(word: str, after: str | None, lemmas: Lemmas | None = None) -> bool:
    """`word`, at the start of an instruction, is a verb in its base form: always when English has no other reading
    of it, or when a determiner, pronoun or particle follows ("post it", "give the users")."""
    found = lemmas[word] if lemmas is not None else _lemmas(word)
    if not found:  # a word the dictionary lacks ("blog it", "dox them"): a verb where one stands before its object
        closed = word in _FUNCTION or word in _CONJUNCTIONS
        return word.isalpha() and not closed and after is not None and _object(after)
    if word not in found.get("VERB", ()):
        return False
    if set(found) <= {"VERB", "AUX"} or (word in _CONTROLS and after is not None and after[:1].isupper()):
        return True  # (a control's name in capitals is its object: "click Redeploy")
    return after is not None and _object(after)


def _object(after: str) -> bool:
    """Whether the word after a verb-or-noun opens its object: a determiner, pronoun or particle, a placeholder."""
    return after.lower() in _FUNCTION or after.startswith("$") or after == "_"


def _base(word: str) -> str:
    """The verb a `re-` verb is reviewed as ("re-enable" is "enable"): one review for both."""
    return word[3:] if word.startswith("re-") else word


def _starts(text: str) -> Iterator[tuple[str, str | None, str]]:
    """(word, the word after it, the first word as typed) where an instruction may start, code, links' targets and
    templates left out."""
    plain = _TEMPLATE.sub(" _ ", CODE_SPAN.sub(" _ ", _LINK_TARGET.sub("]", text)))
    for m in _START.finditer(plain):
        word = m.group(1).lower()
        word = _base(word)
        if word not in _AUX:
            yield word, m.group(2), m.group(1)


def instructions(text: str, lemmas: Lemmas | None = None) -> Iterator[tuple[str, str]]:
    """(verb, the words it starts) of every instruction `text` gives the reader (`lemmas`: a lemma_table holding
    the words that may start one)."""
    for word, after, typed in _starts(text):
        if _is_verb(word, after, lemmas):
            yield word, typed + (" " + after if after and after != "_" else "")


def _texts(cat) -> Iterator[tuple[str, tuple, str, bool]]:
    """(file, path, text, in a runbook) of every prose text that may instruct the reader."""
    roots = [(cat.file(spec), getattr(cat, spec.part), False) for spec in _INSTRUCTING]
    for file, model, in_runbook in roots + [(f, rb, True) for f, rb in runbooks(cat)]:
        for path, text in prose(model):
            if path == ("title",) or any(isinstance(p, str) and p in _NOT_INSTRUCTIONS for p in path):
                continue
            yield file, path, text or "", in_runbook


@rule(
    "DEST035",
    "error",
    "an instruction in prose uses a verb the playbook has reviewed: one that looks, records or tells the team "
    "anywhere, one that changes production or data only in a runbook's step",
    "A reader follows a sentence as readily as a block, and no parse sees what a sentence asks: upload the kept copy "
    "to the channel, e-mail the users their temporary password, give them the admin role, delete the incident "
    "channel. Deny by default: every instruction's verb (a verb in its base form where an instruction starts) is "
    "one a reviewer put on the list of harmless ones, or one that changes things, which only a runbook's step may "
    "give (its blocks carry the danger box, the confirmation and the undo). A new verb is reviewed once, in the "
    "change that first uses it.",
    "say it with a reviewed verb (check, notify, escalate, follow the runbook …), move an action that changes "
    "anything into a runbook's destructive block, or, if the new verb is harmless, add it to _SAFE in "
    "checks/instruction_verbs.py in the same change",
)
def reviewed_instruction_verbs(ctx: CheckContext, report: Reporter):
    texts = list(_texts(ctx.catalog))
    lemmas = lemma_table({word for *_, text, _ in texts for word, _, _ in _starts(text)}, ctx.cache)
    for file, path, text, in_runbook in texts:
        for verb, said in instructions(text, lemmas):
            # a control named after a change is that change ("click Redeploy", "press Delete": set 23's M33)
            button = _base(said.split()[1].lower()) if verb in _CONTROLS and len(said.split()) > 1 else ""
            verb = button if button in _CHANGE else verb
            if verb in _SAFE or (verb in _CHANGE and in_runbook):
                continue
            if verb in _CHANGE:
                message = f"{said!r}: an instruction that changes production or data, outside a runbook's step"
            else:
                message = f"{said!r}: an instruction whose verb ({verb}) is not one the playbook has reviewed"
            yield report(file, path, message, needle=said)
            break


# The words that open a step's title as its condition ("If validation errors", "When the backup is corrupt")
_CONDITIONS = frozenset({"if", "when", "only", "unless", "after", "once"})


def _title_opens_with_its_change(title: str) -> bool:
    """Whether a step's title opens with a verb that changes things (_CHANGE; "re-enable" is enable) or with the
    condition its change runs under."""
    first = _base((title.split() or [""])[0].lower().strip(":,."))
    return first in _CHANGE or first in _CONDITIONS


@rule(
    "DEST037",
    "error",
    "the title of a step that holds a destructive block opens with its change (Restore, Roll back) or the condition "
    "it runs under (If …)",
    "A step's title is what the page's headings, the runner's list of steps and the generated script show of it: "
    'retitled "Check for validation errors", the step whose block rolls production back reads as one more check, '
    "and a responder walking the list rolls back while checking, whatever step 2 found. Deny by default: the title "
    "opens with a verb reviewed as a change (the _CHANGE verbs of DEST035) or with its condition (if, when, only, "
    "unless, after, once); a verb that looks (check, verify, find) never heads a step that changes things.",
    'title the step by its change ("Roll back the deployment") or by its condition ("If validation errors"); if '
    "the new verb changes things, add it to _CHANGE in checks/instruction_verbs.py in the same change",
)
def destructive_steps_say_so(ctx: CheckContext, report: Reporter):
    for file, rb in runbooks(ctx.catalog):
        for k, step in enumerate(getattr(rb, "steps", []) or []):
            parts = [*step.blocks, *(b for o in step.options for b in o.blocks)]
            if any(b.destructive for b in parts) and not _title_opens_with_its_change(step.title):
                message = f"{step.title!r} holds a destructive block, but its title does not say so"
                yield report(file, ("steps", k, "title"), message)
