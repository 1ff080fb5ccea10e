"""Checker rule on the post-mortem example's action items: one its resolution or timeline says was done is done."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.stems import stem

# The marks a status cell says "done" with: a check mark is done by its glyph, whatever the example's language (the
# template's own example uses ✅ for done and ☐ for open). Deny by default: any other status is not done.
DONE = {"✅", "✔", "✔️", "☑", "☑️", "[x]", "done"}
_WORD = re.compile(r"[a-z0-9][a-z0-9/+-]*", re.IGNORECASE)
_ITEM = re.compile(r"^\s*(?:\d+[.)]|[-*•])\s*")  # a list item's number or bullet


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _past(word: str, verb: str) -> bool:
    """Whether `word` is a regular past form of `verb` ("fixed" of "fix", "added" of "add", "stopped" of "stop"):
    told by the stemmer, or by the "-ed" Porter's stems cut differently ("added" is "ad", "add" stays "add")."""
    w, v = word.lower(), verb.lower()
    if w == v or not w.endswith("ed"):
        return False
    return stem(w) == stem(v) or v in (w[:-1], w[:-2]) or (w[:-3] == v and w[-3] == w[-4])


def done_by(item: str, line: str) -> bool:
    """Whether `line` says the action `item` was done: every other word of the item is in the line (by its stem),
    and the item's verb, its first word, is there in a past form ("Fix …" is done by "Fixed …"; "Fix …" or "We
    should fix …" is not). An irregular past ("rebuilt") is left alone."""
    words, said = _words(item), _words(line)
    if not words or not {stem(w) for w in words[1:]} <= {stem(w) for w in said}:
        return False
    return any(_past(w, words[0]) for w in said)


def _statements(section) -> list[tuple[tuple, str, str]]:
    """(path under the section, the text to find its line by, the line) of what a section of the example says: its
    example's lines and its table's cells."""
    out = []
    for line in (section.example or "").splitlines():
        if line.strip():
            out.append((("example",), line.strip(), _ITEM.sub("", line)))
    for r, row in enumerate(section.table.rows if section.table else []):
        for c, cell in enumerate(row):
            out.append((("table", "rows", r, c), "", str(cell)))
    return out


@rule(
    "PM008",
    "error",
    "an action item of the post-mortem example that its resolution or timeline says was done is marked done",
    "The example is the post-mortem every team copies; an item left open (☐) beside a resolution that lists it as "
    "fixed and deployed teaches that the table and the story may disagree, and the reader cannot tell which holds.",
    "mark the item done (✅), or reword the resolution if the item is still open",
)
def action_items_done(ctx: CheckContext, report: Reporter):
    sections = ctx.catalog.incident.postmortem.sections
    for s, section in enumerate(sections):
        table = section.table
        columns = [c.lower() for c in table.columns] if table else []
        if "status" not in columns:
            continue
        status = columns.index("status")
        for r, row in enumerate(table.rows):
            if len(row) <= status or not row or str(row[status]).strip().lower() in DONE:
                continue
            item, cell = str(row[0]), ("postmortem", "sections", s, "table", "rows", r, status)
            for t, other in enumerate(sections):
                for sub, needle, line in _statements(other) if t != s else []:
                    if not done_by(item, line):
                        continue
                    at = ("postmortem", "sections", t, *sub)
                    there = report(F.INCIDENT, at, "", needle=needle or None)
                    here = report(F.INCIDENT, cell, "")
                    said = f"the {other.heading} says {line.strip()!r}"
                    message = f"{item!r} is marked {row[status]}, but {said} (line {there.line})"
                    yield report.at(here.file, here.line, here.col, message)
                    message = f"{said}, but the action item {item!r} is marked {row[status]} (line {here.line})"
                    yield report.at(there.file, there.line, there.col, message)
