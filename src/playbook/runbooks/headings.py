"""The headings and fences of a page's Markdown, read as the toc extension and SuperFences read them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown.extensions.toc import unique

from playbook.markdown import slug

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*(?:\{([^}]*)\})?[ \t]*$")
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
        m = None if code else HEADING.match(line)
        if m:
            given = _ATTR_ID.search(m.group(3) or "")
            base = slug(m.group(2))
            if given:
                ids.add(given.group(1))
            out.append((base, given.group(1) if given else unique(base, ids)))
    return out
