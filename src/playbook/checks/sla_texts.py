"""Checker rule on the SLAs a text states (the 15-minute SEV-2 acknowledge SLA): each is the level's own value."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.checks.mentions import _roots, _scope, named_levels
from playbook.data import files as F
from playbook.data.durations import parse_duration
from playbook.data.markup import free_strings
from playbook.data.quantities import SPAN, spans

# Which clock of a level a text names, and the field of severities.yaml that holds it
_KIND = r"(?P<kind>ack(?:nowledge(?:ment)?)?|resol(?:ve|ution)|updates?)"
_FIELDS = {"ack": "ack", "resol": "resolve", "updat": "update_every"}
_LEVEL = r"(?P<level>[A-Za-z]+[- ]?\d)"
# "the 15-minute SEV-2 acknowledge SLA", "a 4 hour resolve SLA"; "the SEV-1 acknowledge SLA (5 minutes)"
_BEFORE = re.compile(rf"{SPAN}\s+(?:{_LEVEL}\s+)?{_KIND}\s+SLAs?\b", re.IGNORECASE)
_AFTER = re.compile(rf"{_LEVEL}\s+{_KIND}\s+SLAs?\s*(?:of|is|:|\(|=)\s*{SPAN}", re.IGNORECASE)
_CLAUSE = re.compile(r"[^.;!?]+")


def _field(kind: str) -> str:
    return next(f for prefix, f in _FIELDS.items() if kind.lower().startswith(prefix))


@rule(
    "SLA005",
    "error",
    "a span a text gives a level's acknowledge, resolve or update SLA is that level's value in severities.yaml",
    "A reason, a note or a decision that restates an SLA in words ('inside the 1-hour SEV-3 acknowledge SLA') is "
    "read beside the ladder; when severities.yaml changes and the text does not, or the text is retyped, the page "
    "gives the responder two deadlines for one clock.",
    "write the level's value, or, in a file that renders templates, render it from the data (duration of the level's "
    "field)",
)
def stated_slas(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    levels = {lv.id: lv for lv in cat.severities.levels}
    for file, path, text in free_strings(cat):
        if "SLA" not in text.upper():
            continue
        for clause in _CLAUSE.finditer(text):
            for m in [*_BEFORE.finditer(clause.group()), *_AFTER.finditer(clause.group())]:
                named = named_levels(cat, m["level"]) if m["level"] else named_levels(cat, clause.group())
                if len(named) != 1:
                    continue  # no level, or two: the clause does not say whose SLA it is
                field = _field(m["kind"])
                value = getattr(levels[named[0]], field, None)
                stated = spans(m.group())
                if value is None or len(stated) != 1:
                    continue
                if stated[0][0] != parse_duration(value).total_seconds():
                    at = clause.start() + m.start("n")
                    message = f"the text gives {named[0]}'s {field} SLA as {stated[0][1]!r}; "
                    message += f"severities.yaml says {value}"
                    yield _finding_at(cat, report, file, path, text, at, message)


# "past two hours brings in the CTO", "the secondary only after an hour": a span after a word that says a time runs
# out before someone joins (not "within", which is a deadline of the one already in)
_JOINS = re.compile(rf"\b(?:after|past|beyond|longer than|more than)\s+(?:the\s+)?{SPAN}", re.IGNORECASE)


def _role_words(cat) -> dict[str, re.Pattern]:
    """Each escalation role's words: its id, its name, and its name's distinctive word ("On-Call (Secondary)":
    secondary; "Engineering Manager": manager) when no other escalation role's name has it."""
    roles = {lvl.role for lvl in cat.oncall.escalation}
    names = {r: cat.party_name(r) for r in roles}
    short = {}
    for r, name in names.items():
        inner = re.search(r"\(([^)]+)\)", name)
        word = inner[1] if inner else name.split()[-1]
        if sum(word.lower() in n.lower() for n in names.values()) == 1:
            short[r] = word
    return {
        r: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in {r, names[r], short.get(r, r)}) + r")\b", re.I)
        for r in roles
    }


@rule(
    "ESC008",
    "error",
    "a span a text gives for when an escalation role is brought in is its level's after: (or the acknowledge SLA)",
    "A search answer, a reason or a decision that says when someone joins ('an incident that goes on past two hours "
    "brings in the CTO') is read as the escalation policy; a span other than the level's after: in oncall.yaml sends "
    "the reader to wait for, or call, someone the paging tool treats otherwise.",
    "write the level's after: (for ack-sla, the acknowledge SLA of the severity the text names), or change the level",
)
def stated_joining_times(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    words = _role_words(cat)
    levels = {lv.id: lv for lv in cat.severities.levels}
    roots: dict = {}
    for file, path, text in free_strings(cat):
        for clause in _CLAUSE.finditer(text):
            said = clause.group()
            for m in _JOINS.finditer(said):
                named = [r for r, pat in words.items() if pat.search(said)]
                if len(named) != 1:
                    continue  # nobody, or two roles: the clause does not say whose time it is
                lvls = [lvl for lvl in cat.oncall.escalation if lvl.role == named[0]]
                sevs = named_levels(cat, said)
                if not sevs:  # the level the item is about (a route test's severity:), when the clause names none
                    roots = roots or _roots(cat)
                    scope = _scope(cat, roots[file], path)[0] if file in roots else None
                    sevs = sorted(scope or ())
                if len(lvls) != 1:
                    continue
                after = lvls[0].after
                if after == "ack-sla":
                    if len(sevs) != 1 or not levels[sevs[0]].ack:
                        continue  # the acknowledge SLA of which level: SLA005 weighs the SLAs a text names
                    after = levels[sevs[0]].ack
                stated = spans(m.group())
                if len(stated) == 1 and stated[0][0] != parse_duration(after).total_seconds():
                    message = f"the text brings in {named[0]} {stated[0][1]!r}, but {named[0]}'s escalation level "
                    message += f"joins after {after} (oncall.yaml)"
                    yield _finding_at(cat, report, file, path, text, clause.start() + m.start("n"), message)


# A clock a note promises: its word, then "within" (or "in") a span ("Acknowledge within 1 business day")
_PROMISE = re.compile(
    r"\b(?P<kind>ack(?:nowledge[ds]?)?|respond(?:ed|s)?|resol(?:ve[ds]?|ution)|fix(?:e[ds])?|updat(?:e[ds]?|ing))\b"
    r"[^.;!?]*?\b(?:within|in)\s+(?:an?|one|\d+)\b",
    re.IGNORECASE,
)
_CLOCKS = {"ack": "ack", "res": "ack", "resol": "resolve", "fix": "resolve", "updat": "update_every"}


@rule(
    "SLA006",
    "error",
    "a level's sla_note promises no clock the level does not have (an acknowledge, resolve or update time)",
    "The SLA note stands where a level without clocks would show them: SEV-4 is a backlog ticket that pages nobody. "
    "A note promising 'Acknowledge within 1 business day' is a deadline no router, escalation or route test keeps.",
    "drop the promise from the note, or give the level the clock in severities.yaml (ack:, resolve:, update_every:)",
)
def note_promises(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, lv in enumerate(cat.severities.levels):
        for m in _PROMISE.finditer(lv.sla_note or ""):
            kind = m["kind"].lower()
            field = next(
                f for prefix, f in sorted(_CLOCKS.items(), key=lambda x: -len(x[0])) if kind.startswith(prefix)
            )
            if getattr(lv, field) is None:
                message = f"the note promises {m.group()!r}, but {lv.id} has no {field} in severities.yaml"
                yield report(F.SEVERITIES, ("levels", i, "sla_note"), message)
                break
