"""Markdown building blocks: escaping data values, tables, fences, admonitions and tabs."""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterator

from markdown.extensions.toc import slugify, unique

_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
FENCE_LANG = {
    "shell": "bash",
    "sql": "sql",
    "jq": "bash",
    "typescript": "typescript",
    "json": "json",
    "chat": "text",
    "output": "text",
    "illustration": "text",
}
# The titles of the boxes around destructive and manual blocks: written by the site, read back by extraction.
DANGER = "Destructive: changes production or data"
MANUAL = "Needs production access; run by hand, never by a drill"
# The box around a block that is not read-only but safe to run (`safe:`), and the label of its reason: read back
# by extraction, so the generated script prints the reason before it asks.
SAFE = "Not read-only: safe to run"
SAFE_NOTE = "Why it is safe"
# The class of a runbook step's heading (`### 2. Check disk space { .pb-step }`): written by the site, read back
# by extraction, so `playbook run` walks the steps the page shows, text-only and chat steps included.
STEP = "pb-step"
# The label of what a block's failure means (`on_failure`), under its fence: written by the site, and left out of
# a step's prose by extraction (`playbook run` shows it from the data when the block fails).
FAILS = {"continue": "If it fails", "stop": "If it fails, stop here"}


def esc(text: str) -> str:
    """Escape a data value for Markdown text: HTML special characters outside code spans."""
    out, last = [], 0
    for m in _CODE_SPAN.finditer(text):
        out.append(html.escape(text[last : m.start()], quote=False))
        out.append(m.group(0))
        last = m.end()
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def fence(code: str, kind: str, title: str | None = None) -> str:
    """A fenced block classified by kind, in the attribute form SuperFences accepts."""
    # One backtick more than the code's longest run, so no line of the code can close the fence.
    ticks = "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", code)), default=0))
    attrs = f'.{FENCE_LANG[kind]} data-kind="{kind}"'
    if title:
        attrs += f' title="{html.escape(title)}"'
    return f"{ticks} {{ {attrs} }}\n{code.rstrip()}\n{ticks}\n"


def admonition(kind: str, title: str, body: str, collapsed: bool = False) -> str:
    """A box (`!!!`), or with `collapsed` a box that shows its title only until opened (`???`)."""
    mark = "???" if collapsed else "!!!"
    return f'{mark} {kind} "{title}"\n\n' + textwrap.indent(body.rstrip() + "\n", "    ") + "\n"


def tabs(items: list[tuple[str, str]]) -> str:
    out = []
    for title, body in items:
        out.append(f'=== "{title}"\n\n' + textwrap.indent(body.rstrip() + "\n", "    "))
    return "\n".join(out) + "\n"


def search_terms(words: list[str]) -> str:
    """Search terms from the data as one hidden line (they are for the search, not the reader); placed
    before a section's first subheading, the search indexes them with that page or section."""
    unique = sorted({w.strip() for w in words if w.strip()}, key=str.lower)
    if not unique:
        return ""
    return f'<p class="pb-keywords" hidden>Search terms: {esc(", ".join(unique))}</p>\n'


def slug(text: str) -> str:
    """The anchor the toc extension gives a heading: its own `slugify` of the text with entities decoded
    (toc slugs the rendered text, unescaped: a link counts by its words), so links computed here match."""
    return slugify(html.unescape(_MD_LINK.sub(r"\1", text)), "-")


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*(?:\{([^}]*)\})?[ \t]*$")
_ATTR_ID = re.compile(r"(?:^|\s)#([\w-]+)")


def lines_outside_code(markdown: str) -> Iterator[tuple[str, bool]]:
    """Each line of `markdown`, and whether it is fenced code (the fence lines included)."""
    fence = None
    for line in markdown.split("\n"):
        m = _FENCE.match(line)
        if m and (fence is None or m.group(1).startswith(fence)):
            fence = None if fence else m.group(1)[0] * 3
            yield line, True
        else:
            yield line, fence is not None


def heading_ids(markdown: str, ids: set[str]) -> list[tuple[str, str]]:
    """(slug of the text, id the page gets) of each heading outside code, in order, as the toc extension
    gives them: a `{ #id }` attribute, else the slug made unique with its own `unique` (`_1`, `_2`).
    `ids` holds the ids taken so far, and takes these."""
    out = []
    for line, code in lines_outside_code(markdown):
        m = None if code else _HEADING.match(line)
        if m:
            given = _ATTR_ID.search(m.group(3) or "")
            base = slug(m.group(2))
            if given:
                ids.add(given.group(1))
            out.append((base, given.group(1) if given else unique(base, ids)))
    return out
