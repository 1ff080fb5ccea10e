"""What the page builds around a text: a list's item kept whole (TXT012), a step numbered once (TXT013)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.data import files as F
from playbook.data.markup import markdown_strings

_ITEM = re.compile(r"\A<ul>\s*<li>(?:(?!<li[ >]|</li>).)*</li>\s*</ul>\Z", re.S)


def one_item(render, text: str) -> bool:
    """Whether `text`, written as the page writes a list's item (`- ` before it, its lines as they are), renders to
    one list holding one item of one paragraph: no second item, no paragraph outside the list or inside the item."""
    html = render("- " + text).strip()
    return bool(_ITEM.match(html)) and "<p>" not in html


def broken_at(render, text: str) -> int:
    """The offset of the line of `text` from which its item is no longer one item (a blank line ends the list: the
    line after it), 0 when its first line alone breaks it, -1 when the whole text is one item."""
    if one_item(render, text):
        return -1
    offset = 0
    for line in text.splitlines(keepends=True):
        if not one_item(render, text[: offset + len(line)].rstrip("\n")):
            while offset < len(text) and text[offset] in " \t\n":  # the blank line's next words
                offset += 1
            return offset if text[:offset].strip() else 0
        offset += len(line)
    return 0


@rule(
    "TXT012",
    "error",
    "an item of a list of Markdown texts renders, as the page writes it (`- ` and its text), to one item",
    "The page writes each item of a list (a step's items, a procedure's reasons) as `- ` and the text as typed. A "
    "blank line (`\\n\\n`) inside it ends the list there: the rest of the item becomes a paragraph outside it and "
    "the items after it a second list, so the table of error patterns the reader scans is cut in two; the binder "
    "and the runner show the break too. Each item is rendered as the page writes it and must come back as one "
    "list of one item of one paragraph.",
    "keep the item on one paragraph (a note in parentheses after its words), or make the rest an item of its own",
)
def items_kept_whole(ctx: CheckContext, report: Reporter):
    render = ctx.render
    if render is None:  # checks run without the site's Markdown: nothing to read it with
        return
    cat = ctx.catalog
    for file, path, text in markdown_strings(cat):
        if path and isinstance(path[-1], int) and "\n" in text.strip() and (at := broken_at(render, text)) >= 0:
            message = f"the list's item ends before {text[at : at + 32]!r}: the page cuts the list in two there"
            yield _finding_at(cat, report, file, path, text, at, message, column=True)


# A numbering typed at a heading's start: `5.`, `5)`, `5:`, `#5`, `Step 5`, `5 - ` (not a range, `10 - 20 min`)
_NUMBERED = re.compile(
    r"^\s*(?:(?:step|phase|stage)\s*#?\d+\b|#\d+\b|\d+[a-z]?[.):\]](?=\s|$)|\d+\s*[-–—]\s+(?!\d))", re.I
)


def typed_number(title: str) -> str:
    """The numbering `title` starts with ('' when none)."""
    m = _NUMBERED.match(title)
    return m.group(0).strip() if m else ""


def _numbered_titles(cat):
    """(file, path, title, heading) of every step title the page numbers itself, with the heading it writes."""
    for sid, sc in cat.scenarios.items():
        for n, step in enumerate(sc.steps, 1):
            yield cat.source[sid], ("steps", n - 1, "title"), step.title, f"{n}. {step.title}"
    for n, step in enumerate(cat.incident.declaration_steps, 1):
        yield cat.file(F.INCIDENT), ("declaration_steps", n - 1, "title"), step.title, f"Step {n}: {step.title}"


@rule(
    "TXT013",
    "error",
    "a step's title that the page numbers (a scenario's steps, the declaration steps) holds no number of its own",
    "The page numbers a scenario's steps (`5. …`) and the declaration steps (`Step 5: …`) by their order: a number "
    'typed into the title shows twice ("5. 5. If database is corrupted…"), changes the heading\'s anchor, so every '
    "link and search answer to the step (`#5-if-database-is-corrupted-…`) opens the top of the page instead, and is "
    "wrong again as soon as a step is added above it.",
    "write the title alone: the page numbers the step",
)
def numbers_typed_in_titles(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, title, heading in _numbered_titles(cat):
        if number := typed_number(title):
            message = f"the title starts with {number!r}: the page's heading is {heading!r}"
            yield report(file, path, message)
