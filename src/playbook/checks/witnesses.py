"""Checker rules that weigh a fact a text states against the other witnesses of the data: the HTTP status a text
gives an endpoint (HTTP001), the level a text calls a condition (SEV009), and a number a post-mortem example states
beside the from → to another of its sections gives the same thing (PM004)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from http import HTTPStatus

from pydantic import BaseModel

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.mentions import level_patterns
from playbook.data import files as F
from playbook.data import quantities as Q
from playbook.data.markup import free_strings
from playbook.data.model_drill import Probe
from playbook.data.walk import runbooks, step_blocks

# The standard library's list of HTTP statuses decides what a three-digit number can be (a status nobody registered,
# 299 or 512, is some other number: a count, a threshold)
_STATUSES = {int(s) for s in HTTPStatus}
# A three-digit number standing alone: not part of a path, a version, a duration or a percentage ("500 ms", "200%")
_UNIT_AFTER = r"\s*(?:(?:ms|s|m|h|req|requests|users|connections)\b|%)"
_DIGITS = re.compile(r"[1-5]\d\d")
_CODE = re.compile(rf"(?<![\w.$%/:{{-])([1-5]\d\d)(?![\w%/:}}-]|\.\d|{_UNIT_AFTER})")


def _probes(node) -> Iterator[Probe]:
    """Every drill probe (an HTTP call with the status it must get) under a model."""
    if isinstance(node, Probe):
        yield node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _probes(getattr(node, name, None))
    elif isinstance(node, list | tuple):
        for x in node:
            yield from _probes(x)
    elif isinstance(node, dict):
        for x in node.values():
            yield from _probes(x)


def observed(cat) -> dict[str, set[int]]:
    """The statuses the drills expect each endpoint to answer: the one witness that is run, not written. A probe's
    status, and the statuses a drill expects in the output of a step's block that curls one endpoint alone."""

    def build():
        out: dict[str, set[int]] = {}
        books = {rb.id: rb for _, rb in runbooks(cat)}
        paths = {ep.id: re.compile(rf"{re.escape(ep.path)}(?![\w/-])") for ep in cat.data.endpoints}
        for _, rb in runbooks(cat):
            drill = getattr(rb, "drill", None)
            for p in _probes(drill):
                out.setdefault(p.endpoint, set()).add(p.status)
            for st in getattr(drill, "steps", None) or []:
                book = books.get(st.runbook or rb.id)
                if book is None or not 0 < st.step <= len(book.steps):
                    continue
                shell = [b for _, b in step_blocks(book.steps[st.step - 1]) if b.kind == "shell"]
                code = shell[st.block - 1].code if st.block <= len(shell) else ""
                named = [e for e, pat in paths.items() if pat.search(code)]
                if "curl" not in code or len(named) != 1:
                    continue
                e = st.expect
                said = "\n".join([e.stdout_equals or "", *e.stdout_contains, *e.stdout_regex])
                out.setdefault(named[0], set()).update(code for code, _ in stated_codes(said))
        return {k: v for k, v in out.items() if v}

    return cat.memoized(("drill statuses",), build)


def stated_codes(text: str) -> list[tuple[int, int]]:
    """(status, offset) of each HTTP status a text states as a bare number."""
    return [(int(m[1]), m.start(1)) for m in _CODE.finditer(text) if int(m[1]) in _STATUSES]


@rule(
    "HTTP001",
    "error",
    "an HTTP status a text gives an endpoint (its help, a symptom, a verify line naming its path) is one the drills "
    "get from that endpoint, or, where no drill probes it, one its help states",
    "The endpoint's help, the runbook's symptom and the drill that probes the endpoint state one fact three times: "
    "readiness answers 503 when the database is unreachable. A help retyped to 500 sends the responder looking for "
    "a crash the drill never sees, and the alert, the symptom and the reference page disagree.",
    "write the status the drills probe for (the drill's `status:` under the endpoint) or its help states, or, if the "
    "endpoint changed, change the drill or the help first",
)
def endpoint_statuses(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    eps = list(cat.data.endpoints)
    # an endpoint no drill probes has one witness left: the statuses its own help states ("Process is up (200)")
    helped = {ep.id: {code for code, _ in stated_codes(ep.help or "")} for ep in eps}
    seen = {**{e: c for e, c in helped.items() if c}, **observed(cat)}
    if not seen:
        return
    paths = {ep.id: re.compile(rf"{re.escape(ep.path)}(?![\w/-])") for ep in eps if ep.id in seen}
    # an endpoint is named by its path, as a probe ("readiness check"), or by the templates' `ep` ("{{ ep.liveness }}")
    probes = {
        ep.id: re.compile(
            rf"\b{re.escape(ep.id)}\s+(?:probe|endpoint|check)\b|\bep(?:\.{re.escape(ep.id)}\b|\[\s*['\"]{re.escape(ep.id)}['\"]\s*\])",
            re.I,
        )
        for ep in eps
    }
    probed = {i: m.probe for i, m in enumerate(cat.data.metrics) if getattr(m, "probe", None)}  # a probe's gauge
    for file, path, text in free_strings(cat):
        codes = stated_codes(text) if text and _DIGITS.search(text) else []
        if not codes:
            continue
        if file == cat.file(F.CATALOG) and path[:1] == ("endpoints",) and path[-1] == "help":
            named = [eps[path[1]].id] if eps[path[1]].id in observed(cat) else []  # its own help is no other witness
        elif file == cat.file(F.CATALOG) and path[:1] == ("metrics",) and path[-1] == "help" and path[1] in probed:
            named = [probed[path[1]]] if probed[path[1]] in seen else []
        else:
            named = [e for e in paths if paths[e].search(text) or probes[e].search(text)]  # only endpoints seen
        if len(named) != 1:
            continue  # no endpoint, or two: whose status a number is stays unsaid
        for code, _ in codes:
            if code not in seen[named[0]]:
                got = ", ".join(map(str, sorted(seen[named[0]])))
                by = "its drills get" if named[0] in observed(cat) else "its help in catalog.yaml states"
                message = f"the text says {named[0]} answers {code}; {by} {got}"
                yield report(file, path, message, needle=str(code))


def condition_names(cat) -> list[tuple[re.Pattern, frozenset[str]]]:
    """(pattern, the levels it is a condition of) of each way a text names a condition: its wording ('AI service
    down': its own level) and its signal's name ('AI error rate': every level with a condition on it), with and
    without a trailing 'detected'."""

    def build():
        found: dict[str, set[str]] = {}
        signals = {s.id: s.name for s in cat.severities.signals}
        for lv in cat.severities.levels:
            for c in lv.conditions:
                for name, levels in ((c.wording, {lv.id}), (signals.get(c.signal), None)):
                    if not name:
                        continue
                    if levels is None:
                        levels = {x.id for x in cat.severities.levels for k in x.conditions if k.signal == c.signal}
                    for said in {name, re.sub(r"\s+detected$", "", name, flags=re.I)}:
                        found.setdefault(said.lower(), set()).update(levels)
        return [(re.compile(rf"(?<![\w-]){re.escape(n)}(?![\w-])", re.I), frozenset(v)) for n, v in found.items()]

    return cat.memoized(("condition names",), build)


_SENTENCE = re.compile(r"[^.;!?()\n]+")
_PRONOUN = re.compile(r"\s*(?:it|this|that|such|these|those|they)\b", re.I)


def _named_conditions(cat, text: str) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, levels) of each condition a text names, the longest name where two overlap."""
    hits = [(m.start(), m.end(), levels) for pat, levels in condition_names(cat) for m in pat.finditer(text)]
    return [h for h in hits if not any(o[0] <= h[0] and h[1] <= o[1] and o[1] - o[0] > h[1] - h[0] for o in hits)]


_IS = re.compile(r"\b(?:is|are|as|an?)\s+(?:an?\s+)?$", re.I)
_KIND = re.compile(r"(?:['’]s)?\s+(?:conditions?|signals?|thresholds?)\b", re.I)
_APPOSED = re.compile(r"\s*(?:,|\(|—|–)\s*$")  # 'Slow queries (SEV-3)', 'a compliance violation, SEV-1'


def asserted_levels(cat, text: str) -> list[tuple[str, int, str, int | None]]:
    """(level, offset, as written, where the condition it is said of ends, if right before it) of each level a text
    says something is: 'is SEV-2', 'a SEV-1 signal', 'SEV-3 condition', 'SEV-1's threshold', 'Slow queries (SEV-3)',
    'a compliance violation, SEV-1'."""
    out = []
    for sev, pat in level_patterns(cat).items():
        for m in pat.finditer(text):
            before, after = text[max(0, m.start() - 12) : m.start()], text[m.end() : m.end() + 12]
            said_is = _IS.search(before) and not re.match(r"['’]s\b", after)  # not 'is SEV-2's multiple'
            if said_is or _KIND.match(after):
                out.append((sev, m.start(), m.group(), None))
            elif apposed := _APPOSED.search(before):
                out.append((sev, m.start(), m.group(), m.start() - len(before) + apposed.start()))
    return out


@rule(
    "SEV009",
    "error",
    "a level a text says a condition is ('Slow queries are a SEV-3 signal', 'It is a SEV-2 condition') is a level "
    "severities.yaml lists that condition under",
    "The ladder says which level a condition is; a decision, a search answer's why or a route test that calls it "
    "another level tells the responder to declare the wrong level (and page, or not, the wrong people), and the "
    "record of why the data is as it is stops matching the data.",
    "name the level severities.yaml lists the condition under, or move the condition in severities.yaml if the "
    "ladder changed on purpose",
)
def levels_of_conditions(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    levelish = re.compile("|".join(pat.pattern for pat in level_patterns(cat).values()))
    for file, path, text in free_strings(cat):
        if not text or path[-1] in ("code", "seed"):  # a decision's seed quotes the seed, contradictions and all
            continue
        if not levelish.search(text):
            continue  # names no level: one pattern for all of them first
        said = asserted_levels(cat, text)
        if not said:
            continue
        named = _named_conditions(cat, text)
        if not named:
            continue
        sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]
        for sev, at, written, apposed in said:
            k = next((i for i, (a, b) in enumerate(sentences) if a <= at < b), None)
            if k is None:
                continue
            here = [n for n in named if sentences[k][0] <= n[0] < sentences[k][1]]
            if apposed is not None:  # the condition right before the comma or bracket, or none
                here = [n for n in named if n[1] == apposed]
            elif not here and _PRONOUN.match(text[sentences[k][0] : sentences[k][1]]):
                here = [n for n in named if n[1] <= sentences[k][0]][-1:]  # 'It is …': the last one before
            if not here:
                continue
            start, end, levels = min(here, key=lambda n: abs(n[0] - at))
            if sev not in levels:
                listed = ", ".join(sorted(levels))
                message = f"the text says {text[start:end]!r} is {written}; severities.yaml lists it under {listed}"
                yield report(file, path, message, needle=written)


_NUM = r"\d+(?:\.\d+)?"
# "Increased database connection pool from 10 to 50": what changed (the words before), its value before and after
_FROM_TO = re.compile(rf"(?P<what>(?:[A-Za-z][\w-]*\s+){{1,5}})from\s+(?P<a>{_NUM})\s+to\s+(?P<b>{_NUM})\b", re.I)
# The verbs and small words of a change, which say nothing of what changed
_CHANGE = Q.words(
    "increased increase raised raise decreased decrease reduced reduce lowered lower changed change bumped bump set "
    "moved move grew scaled scale the a an of our its their was were and"
)
# A number stated as the state before the change ("was set to 10", "had 10"), or after it ("is now 50")
_BEFORE = re.compile(r"\b(?:was|were|had|used\s+to\s+be|originally|previously|only)\b", re.I)
_AFTER = re.compile(r"\b(?:now|is|are|became|has|have)\b", re.I)
_STATED = re.compile(rf"(?<![\w.:/$-])(?P<n>{_NUM})(?![\w.:%/-]|\.\d)(?P<unit>\s+[A-Za-z][\w-]*)?")


def _groups(cat) -> dict[tuple, list[tuple[str, tuple, str]]]:
    """The texts of one piece of writing, read together: the post-mortem template, each runbook, each item."""
    books = {file for file, _ in runbooks(cat)}
    out: dict[tuple, list] = {}
    for file, path, text in free_strings(cat):
        if text and path[-1] != "code":
            out.setdefault((file,) if file in books else (file, *path[:2]), []).append((file, path, text))
    return out


@rule(
    "PM004",
    "error",
    "a number one text of a template or runbook states for a thing another of its texts changes 'from A to B' is "
    "A where it says what was (B where it says what is)",
    "The example post-mortem is copied by the next writer: a root cause 'the pool was set to 50 connections' beside a "
    "resolution 'increased the pool from 10 to 50' explains an outage with the value that fixed it, and the reader "
    "cannot tell which of the two numbers the incident had.",
    "make the two texts give the thing one value before the change and one after (the from and the to)",
)
def from_to_agrees(ctx: CheckContext, report: Reporter):
    for texts in _groups(ctx.catalog).values():
        changes = [
            (file, path, m, Q.words(m["what"]) - _CHANGE)
            for file, path, text in texts
            if "from" in text
            for m in _FROM_TO.finditer(text)
        ]
        for cfile, cpath, change, what in changes:
            if not what:
                continue
            a, b = float(change["a"]), float(change["b"])
            for file, path, text in texts:
                for sentence in _SENTENCE.finditer(text):
                    if (file, path) == (cfile, cpath) and sentence.start() <= change.start("a") < sentence.end():
                        continue  # the change itself
                    said = sentence.group()
                    own = Q.words(said)
                    if len(what & own) < min(2, len(what)):
                        continue  # another thing
                    for m in _STATED.finditer(said):
                        if m["unit"] and not Q.words(m["unit"]) & what:
                            continue  # a number of something else ("100 req/s", "3 days")
                        n, lead = float(m["n"]), said[: m.start()]
                        allowed = {a} if _BEFORE.search(lead) else {b} if _AFTER.search(lead) else {a, b}
                        if n in allowed:
                            continue
                        stated, moved = m.group().strip(), change.group().strip()
                        shown = " or ".join(f"{x:g}" for x in sorted(allowed))
                        message = f"{stated!r} here, but {moved!r} elsewhere: one of the two is {shown}"
                        yield report(file, path, message, needle=stated)
                        yield report(cfile, cpath, f"{moved!r}, but another text says {stated!r}", needle=moved[-40:])
