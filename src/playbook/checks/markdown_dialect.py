"""Checker rules TXT018-TXT019: list syntax of another Markdown (CommonMark's `1)`, a two-space nest) the site reads
otherwise than typed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.data.markup import markdown_strings

# A line typed as a list item: its indent, its marker (`-`, `*`, `+`, `1.`, `1)`), a space, then text
_ITEM = re.compile(r"^([ \t]*)([-*+]|\d{1,3}[.)])[ \t]+\S", re.M)
_FENCE = re.compile(r"^[ \t]*(?:```|~~~)", re.M)
_LI = re.compile(r"<li\b")
NEST = 4  # Python-Markdown (tab_length 4) nests a list only under an indent of four spaces more than its parent


def _items(text: str) -> Iterator[re.Match[str]]:
    """The lines of `text` typed as list items, outside fenced code."""
    if _FENCE.search(text):
        return
    yield from _ITEM.finditer(text)


def unread_item(render, text: str) -> int | None:
    """The offset of the first line of `text` typed as a list item that the site's Markdown does not read as one
    (`1)`, CommonMark's other marker; an item glued to the paragraph above, with no blank line between), or None."""
    items = list(_items(text))
    if not items or len(_LI.findall(render(text))) >= len(items):
        return None
    for k, m in enumerate(items, 1):
        end = text.find("\n", m.start())
        if len(_LI.findall(render(text[: end if end >= 0 else len(text)]))) < k:
            return m.start(2)
    return items[0].start(2)


def shallow_nest(text: str) -> int | None:
    """The offset of the first list item of `text` indented under the item above it by less than NEST spaces (the
    two of GitHub's habit), which the site lists beside that item, not under it; None when there is none."""
    parents: list[int] = []
    for m in _items(text):
        indent = len(m.group(1).expandtabs(NEST))
        while parents and indent < parents[-1]:
            parents.pop()
        if parents and parents[-1] < indent < parents[-1] + NEST:
            return m.start(2)
        if not parents or indent >= parents[-1] + NEST:
            parents.append(indent)
    return None


@rule(
    "TXT018",
    "error",
    "every line of the data's Markdown typed as a list item is one on the page",
    "The site's Markdown (Python-Markdown) is not CommonMark: it opens an ordered list only with `1.` markers, so "
    "lines typed `1)`, `2)` stay one paragraph, and a list typed right under a line of text, with no blank line "
    'between, is read as more of that paragraph. The page then runs the items together on one line ("1) Increased '
    'the pool 2) Fixed the bug …"), while the runner and the binder show them as typed. Each text with lines typed '
    "as list items is rendered: fewer items on the page than typed is a finding at the first one lost.",
    "number the items `1.`, `2.`, and leave a blank line between the text and the list's first item",
)
def list_items_the_page_reads(ctx: CheckContext, report: Reporter):
    if ctx.render is None:  # checks run without the site's Markdown: nothing to read it with
        return
    cat = ctx.catalog
    for file, path, text in markdown_strings(cat):
        if (at := unread_item(ctx.render, text)) is not None:
            line = text[at : text.find("\n", at) if "\n" in text[at:] else len(text)]
            message = f"{line[:40]!r} is typed as a list item, which the page does not show as one"
            yield _finding_at(cat, report, file, path, text, at, message, column=True)


@rule(
    "TXT019",
    "error",
    "a nested list item is indented four spaces under its parent, as the site's Markdown nests",
    "Python-Markdown nests a list only under an indent of four spaces; at two or three (GitHub's habit) the item "
    'is the parent\'s sibling. A sub-point ("check what changed first, then roll back") then reads as one more case '
    "of the list, a condition reads as an action, and the order the editor meant is lost on the page.",
    "indent the nested item by four spaces under its parent's marker, or make it an item of its own",
)
def nested_items_four_spaces_in(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, text in markdown_strings(cat):
        if (at := shallow_nest(text)) is not None:
            message = "this item is indented under the one above by less than four spaces: the page lists it beside"
            yield _finding_at(cat, report, file, path, text, at, message, column=True)
