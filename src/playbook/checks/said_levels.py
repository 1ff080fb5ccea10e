"""Checker rules on levels said in prose beside what the data ties them to: an alert's threshold, a scope."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.mentions import level_patterns
from playbook.data import files as F
from playbook.data.markup import prose_strings, text_roots

_ENDS = r"(?:threshold|condition|line|limit|bar|trigger|number)s?"


def with_seeds(cat) -> list[tuple[str, tuple, str]]:
    """The prose texts and the decisions' seeds: a seed quotes the ladder and the matrix too ("SEV-2 lists ..."), and
    the data kept what it quotes, or the decision says what changed."""
    seeds = [(cat.file(F.DECISIONS), ("decisions", i, "seed"), d.seed) for i, d in enumerate(cat.decisions.decisions)]
    return [*prose_strings(cat), *seeds]


def _signal_words(sig) -> str:
    """A signal said in prose: its id with its underscores as spaces or dashes (`error-rate`), or its name."""
    ident = r"[-_ ]".join(map(re.escape, sig.id.split("_")))
    return rf"(?:{ident}|{re.escape(sig.name)})"


def _claim_patterns(cat) -> list[tuple[str, str, re.Pattern]]:
    """(level, signal id, pattern) of each way prose says a level's threshold on a signal, compiled once per
    catalog (a pattern per level and signal, over every prose text of the data)."""

    def build():
        out = []
        for sev, pat in level_patterns(cat).items():
            for sig in cat.severities.signals:
                said = rf"(?:{pat.pattern})(?:'s)?\s+{_signal_words(sig)}\s+{_ENDS}\b"
                out.append((sev, sig.id, re.compile(said, re.IGNORECASE)))
                if sig.unit == "x":  # "SEV-2's multiple of the baseline": the one signal a multiple is of
                    said = rf"(?:{pat.pattern})(?:'s)?\s+multiple\s+of\s+(?:the|its)\s+baseline"
                    out.append((sev, sig.id, re.compile(said, re.IGNORECASE)))
        return out

    return cat.memoized(("level threshold claims",), build)


def level_signal_claims(cat, text: str) -> list[tuple[str, str, str]]:
    """(level, signal id, phrase) of each "the SEV-2 error-rate threshold" of `text`: a level named right before a
    signal and a word for its threshold (the level's condition on that signal)."""
    return [(sev, sig, m.group(0)) for sev, sig, said in _claim_patterns(cat) for m in said.finditer(text)]


def named_alerts(cat, text: str) -> list:
    """The alerts a text names: by title, or by its title's first word before `alert` ("the auth alert")."""
    low = text.lower()
    out = []
    for al in cat.alerts.alerts:
        first = re.escape(al.title.split()[0].lower())
        if al.title.lower() in low or re.search(rf"\b{first}(?:\s+[\w-]+){{0,2}}\s+alerts?\b", low):
            out.append(al)
    return out


@rule(
    "SEV013",
    "error",
    "a level's threshold on a signal said in prose ('the SEV-2 error-rate threshold', 'SEV-2's multiple of the "
    "baseline') is one the level has, and in a text that names an alert, the level of the alert's condition",
    "An alert borrows its number from a level's condition (condition: {level, signal}); a sentence on the alert that "
    "names another level's threshold tells the reader it fires at another number (more than half of sign-ins failing "
    "instead of one in five), and whoever tunes or trusts the alert from the text is wrong by that much.",
    "name the level of the alert's condition: (alerts.yaml), or change the condition if the text is the intent",
)
def alert_level_said(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    levels = {lv.id: lv for lv in cat.severities.levels}
    for file, path, text in prose_strings(cat):
        claims = level_signal_claims(cat, text)
        alerts = named_alerts(cat, text) if claims else []
        for sev, signal, phrase in claims:
            if not any(c.signal == signal for c in levels[sev].conditions):
                have = [lv for lv, x in levels.items() if any(c.signal == signal for c in x.conditions)]
                message = f"{phrase!r}, but {sev} has no condition on {signal} ({', '.join(have) or 'no level'} has)"
                yield report(file, path, message, needle=phrase)
                continue
            on = [al for al in alerts if al.condition is not None and al.condition.signal == signal]
            if on and all(al.condition.level != sev for al in on):
                have = ", ".join(f"{al.title} ({al.condition.level})" for al in on)
                yield report(file, path, f"{phrase!r}, but the alert it names takes {have}", needle=phrase)


_TEMPLATE = re.compile(r"\{\{.*?\}\}")
_CLAUSE = re.compile(r"[.;!?]\s|\bwhile\b|\bbut\b|\bwhereas\b|\bthan\b")
_FOR = re.compile(r"^\W{0,3}\s*(?:for|of|on|at)\s+(?:a\s+|an\s+|every\s+)?$")


def paired_levels(cat, line: str) -> list[tuple[str, str, str, int]]:
    """(level said, level rendered, the template, its column) of each template of `line` that renders one level's
    field (`cadence('SEV-2')`, `level('SEV-1').resolve`) beside a level named in prose: the last level named before
    it in its clause ("SEV-2 posts updates every {{ cadence('SEV-2') }}"), or the one it is said for after it
    ("{{ duration(level('SEV-1').ack) }} for SEV-1")."""
    pats = level_patterns(cat)
    ids = [lv.id for lv in cat.severities.levels]
    alts = "|".join(map(re.escape, ids))
    arg = re.compile(rf"""['"]({alts})['"]""")
    found = list(_TEMPLATE.finditer(line))
    out = []
    for k, t in enumerate(found):
        rendered = set(arg.findall(t.group(0)))
        if len(rendered) != 1:
            continue
        (sev,) = rendered
        after = line[t.end() : found[k + 1].start() if k + 1 < len(found) else len(line)]
        said = [(m.start(), lv) for lv, p in pats.items() for m in p.finditer(after)]
        if said:
            first = min(said)
            if _FOR.match(after[: first[0]]):
                out.append((first[1], sev, t.group(0), t.start()))
                continue
        before = line[found[k - 1].end() if k else 0 : t.start()]
        before = _CLAUSE.split(before)[-1]
        said = [(m.end(), lv) for lv, p in pats.items() for m in p.finditer(before)]
        if said:
            end, lv = max(said)
            if len(before[end:].split()) <= 8:
                out.append((lv, sev, t.group(0), t.start()))
    return out


@rule(
    "SEV014",
    "error",
    "a template that renders a level's field (cadence('SEV-2'), level('SEV-1').resolve) is said of that level: the "
    "level named before it in its clause, or after it ('… for SEV-1')",
    "The sentence names one level and renders another's number: 'SEV-1 updates every' followed by "
    "cadence('SEV-2') "
    "publishes SEV-2's cadence as SEV-1's, and the reader takes the wrong clock for the level they are on.",
    "render the field of the level the sentence names (or name the level whose field it renders)",
)
def template_level_said(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file in dict.fromkeys(f for f, _ in text_roots(cat)):
        for n, line in enumerate(report.lines(file), 1):
            if line.lstrip().startswith("#") or "{{" not in line:
                continue
            for said, sev, template, col in paired_levels(cat, line):
                if said != sev:
                    message = f"{template} renders {sev}'s value, but the sentence says it of {said}"
                    yield report.at(file, n, col + 1, message)


_CLAIM = r"(?:'s)?\s+(?:is|lists|names|has|says|covers)\s+(?:an?\s+|the\s+)?(?P<what>\"[^\"]*\"|[^.;:,\"()]+)"
_QUANTITY = re.compile(r"(?P<op>[<>]=?|≥|≤)?\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>%|x|ms|min)(?!\w)")
_STOP = {"of", "a", "an", "the", "not", "non", "high", "low", "rate", "is", "in", "to"}
_OPS = {"≥": ">=", "≤": "<="}


def condition_fits(cat, cond, what: str) -> bool | None:
    """Whether `what` ('">20% error rate"', '"Auth failures spike"') says the condition `cond`: None when it speaks
    of another signal; False when it speaks of this one with another number or comparison."""
    low, sig = what.lower(), cat.signals[cond.signal]
    if cond.wording and cond.wording.lower() in low:
        return True
    said = set(re.findall(r"[a-z0-9]+", low))
    own = {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in re.findall(r"[a-z0-9]+", sig.name.lower())}
    said |= {w[:-1] for w in said if w.endswith("s") and len(w) > 3}
    nums = [m for m in _QUANTITY.finditer(what) if m["unit"] == sig.unit]
    if not (sig.name.lower() in low or (nums and (own - _STOP) & said)):
        return None
    if not nums:
        return True
    for m in nums:
        op = _OPS.get(m["op"] or "", m["op"])
        n = float(m["n"])
        if n == cond.value and op in (None, cond.op) or n == cond.upto and op in (None, "<", "<="):
            return True
    return False


def level_condition_claims(cat, text: str) -> list[tuple[str, str, list[str]]]:
    """(level, what the text says it is or lists, the other levels whose condition that is) of each claim of `text`
    that a level is or lists a condition ('SEV-1 lists "Auth failures spike"') that is not one of the level's."""
    levels = {lv.id: lv for lv in cat.severities.levels}
    out = []
    for sev, pat in level_patterns(cat).items():
        for m in re.finditer(rf"(?:{pat.pattern}){_CLAIM}", text):
            what = m["what"]
            fits = [condition_fit for c in levels[sev].conditions if (condition_fit := condition_fits(cat, c, what))
                    is not None]  # fmt: skip
            if True in fits:
                continue
            others = [
                lv for lv in levels if lv != sev and any(condition_fits(cat, c, what) for c in levels[lv].conditions)
            ]
            if fits or others:
                out.append((sev, m.group(0), others))
    return out


@rule(
    "DEC015",
    "error",
    "a text that says a level is or lists a condition ('SEV-2 lists \"Auth failures spike\"', 'SEV-3 is \"<5% of "
    "users\"') names one of that level's conditions in severities.yaml, with its number and comparison",
    "A decision's seed and text quote the ladder to explain what was settled: quoting a condition under another level "
    "(or with another number) tells the reader the ladder says what it does not, and the decision reads as settling "
    "a conflict that is not there.",
    "name the level whose condition it is (severities.yaml), or quote the condition the level has",
)
def level_condition_said(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, text in with_seeds(cat):
        for sev, phrase, others in level_condition_claims(cat, text):
            where = f"; it is {', '.join(others)}'s" if others else ""
            yield report(file, path, f"{phrase!r}, but no condition of {sev} says so{where}", needle=phrase)
