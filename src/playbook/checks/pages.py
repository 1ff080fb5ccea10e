"""The site's pages as the rules read them: supplied by whoever runs the checks, never imported from the site.

The site layer sits above the checks (it documents them), so the rules that follow links into pages
(ALR001, REF006, SRCH001) get the pages through this protocol, in their CheckContext;
`playbook.site.checking` supplies the real ones.
"""

from __future__ import annotations

import re
from typing import Protocol

from playbook.runbooks.headings import heading_ids

_ID = re.compile(r"""\bid=["']([\w-]+)["']""")


class Pages(Protocol):
    def markdown(self, page: str) -> str | None:
        """The Markdown of site page `page` (e.g. `severities.md`, `scenarios/x.md`) after macros; None if none."""

    def names(self) -> list[str]:
        """Every page of the site (`index.md`, `scenarios/x.md`), in a stable order."""


def anchors_of(markdown: str) -> set[str]:
    """Anchors a Markdown page gets: its headings' ids (outside code) and explicit HTML ids."""
    return {hid for _, hid in heading_ids(markdown, set())} | set(_ID.findall(markdown))


def html_ids(html: str) -> set[str]:
    """The ids of a built HTML page."""
    return set(_ID.findall(html))
