"""Links and the text beside them: the level or runbook named (REF018), the section named (REF032)."""

from __future__ import annotations

import itertools
import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.links import _join
from playbook.checks.mentions import level_patterns, named_levels
from playbook.data import files as F
from playbook.data.addresses import SCENARIO_DIR
from playbook.data.markup import data_strings
from playbook.data.stems import stem
from playbook.markdown import outside_code

_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_TARGET = re.compile(r"^[\w./-]+\.md(?:#[\w-]+)?$")  # a field whose whole value is a site page (`answer:`)


def _target_of(cat, target: str, base: str) -> tuple[str, str] | None:
    """What a link target is: ("level", id) for a level's section, ("runbook", id) for a runbook's page."""
    page, _, anchor = target.partition("#")
    page = _join(base, page)
    if anchor:
        for sev, pat in level_patterns(cat).items():
            if pat.fullmatch(anchor):
                return ("level", sev)
    stem = page.removesuffix(".md")
    if stem.startswith(SCENARIO_DIR + "/") and stem.split("/", 1)[1] in cat.scenarios:
        return ("runbook", stem.split("/", 1)[1])
    if stem in cat.procedures:
        return ("runbook", stem)
    return None


def _named(cat, kind: str, text: str) -> list[str]:
    """The levels (by id or name) or the runbooks (by title) `text` names."""
    if kind == "level":
        return named_levels(cat, text)
    runbooks = {**{k: v.title for k, v in cat.scenarios.items()}, **{k: v.title for k, v in cat.procedures.items()}}
    return [rid for rid, title in runbooks.items() if re.search(rf"(?<![\w-]){re.escape(title)}(?![\w-])", text, re.I)]


@rule(
    "REF018",
    "error",
    "a link to a severity level or a runbook names the one the text beside it names (its link text, its why)",
    "A search answer, or a link in a step, is read through the words beside it: a concept whose why says audit "
    "logging down is SEV-1 but whose answer is SEV-2's section, or `[Rollback Strategy](../disable-ai.md)`, sends "
    "the reader to the level or runbook the text says it is not.",
    "point the link at the level or runbook its text names, or make the text name the one it links to",
)
def link_matches_text(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    scen = cat.file(F.SCENARIOS) + "/"
    strings = data_strings(cat)
    siblings: dict[tuple, list[str]] = {}
    for file, path, text in strings:
        if path and isinstance(path[-1], str):
            siblings.setdefault((file, path[:-1]), []).append(text)
    for file, path, text in strings:
        base = SCENARIO_DIR + "/" if file.startswith(scen) else ""
        pairs = [(label, target) for label, target in _LINK.findall(outside_code(text))] if "](" in text else []
        if path and isinstance(path[-1], str) and _TARGET.match(text.strip()):
            beside = [t for t in siblings.get((file, path[:-1]), []) if t != text]
            pairs.append((" / ".join(beside), text.strip()))  # the item's other texts, read as one
        for label, target in pairs:
            what = _target_of(cat, target, base)
            if what is None:
                continue
            kind, thing = what
            named = _named(cat, kind, label)
            if named and thing not in named:
                shown = ", ".join(named)
                message = f"{target} is {kind} {thing}, but the text beside it names {shown}: {label.strip()[:60]!r}"
                yield report(file, path, message, needle=target)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w.isdigit() or len(w) >= 3]


def shares_heading(label: str, anchor: str) -> bool:
    """Whether a link's text names a word of the heading its anchor is made from, as a stem, or as two of its
    words written as one ("Rollback" for "roll-back-the-deployment"); a number counts ("step 5")."""
    said = {stem(w) for w in _words(label)}
    parts = [w for w in anchor.lower().split("-") if w]
    heading = {stem(w) for w in parts if w.isdigit() or len(w) >= 3}
    heading |= {stem(a + b) for a, b in itertools.pairwise(parts)}
    return bool(said & heading)


@rule(
    "REF032",
    "error",
    "a link to a section of a page names, in its text, a word of that section's heading",
    "A link's text is what the reader follows: `[Rollback Strategy](../rollback.md#restore-the-database-from-backup)` "
    "under a validation error reads as 'roll the deployment back' and opens the database restore, which overwrites "
    "the live database. The anchor is the heading's words: a link that shares none of them with its text points "
    "at another section than the one it says.",
    "point the anchor at the section the text names, or name the section in the text "
    "('Rollback Strategy: Restore the database from backup')",
)
def link_names_its_section(ctx: CheckContext, report: Reporter):
    for file, path, text in data_strings(ctx.catalog):
        if "](" not in text:
            continue
        for label, target in _LINK.findall(outside_code(text)):
            anchor = target.partition("#")[2]
            if anchor and not target.startswith(("http://", "https://")) and not shares_heading(label, anchor):
                message = f"the link's text {label.strip()[:60]!r} names no word of the section #{anchor} it opens"
                yield report(file, path, message, needle=target)
