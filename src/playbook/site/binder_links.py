"""Links inside the printed binder: a link to a page or section that the binder prints points inside it.

The binder repeats parts of other pages; on paper a link to `rollback.html#...` leads nowhere. Each
heading's id is computed as the toc extension gives it (`runbooks.headings.heading_ids`, in page order), so a
rewritten link lands on the heading the build writes; the strict build checks every anchor.
"""

from __future__ import annotations

import re

from playbook.markdown import Md, restructured
from playbook.runbooks.headings import heading_ids

_LINK = re.compile(r"\]\((?![a-z]+:)([^)#\s]+\.md)(?:#([^)\s]*))?\)")


def link_inside(parts: list[tuple[str, Md, tuple[str, ...]]], summaries: dict[str, str]) -> list[tuple[str, Md]]:
    """(part id, Markdown) of each part (`## title` and body, `pages` it stands for), links pointed inside.

    A link to a page the binder prints goes to its part, or to the section of that part it names; a part
    that stands for one section of a page (`index.md#scenarios-by-symptom`) takes the links to that
    section; a page in `summaries` (page -> part title) goes to that part whatever its anchor. Others
    stay links.
    """
    ids: set[str] = set()
    sections = []
    for _, text, _ in parts:
        headings = heading_ids(text, ids)
        first: dict[str, str] = {}
        for base, hid in headings[1:]:
            first.setdefault(base, hid)
        sections.append((headings[0][1], first))
    by_page = {page: n for n, (_, _, pages) in enumerate(parts) for page in pages}
    by_title = {title: n for n, (title, _, _) in enumerate(parts)}

    def target(m: re.Match) -> str:
        page, anchor = m.group(1), m.group(2)
        if page in summaries:
            return f"](#{sections[by_title[summaries[page]]][0]})"
        if f"{page}#{anchor}" in by_page:
            return f"](#{sections[by_page[f'{page}#{anchor}']][0]})"
        if page not in by_page:
            return m.group(0)
        part_id, inside = sections[by_page[page]]
        if not anchor:
            return f"](#{part_id})"
        return f"](#{inside[anchor]})" if anchor in inside else m.group(0)

    return [(sections[n][0], restructured(text, _LINK.sub(target, text))) for n, (_, text, _) in enumerate(parts)]
