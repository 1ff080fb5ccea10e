"""The site's pages as the rules read them: supplied by whoever runs the checks, never imported from the site.

The site layer sits above the checks (it documents them), so the rules that follow links into pages
(ALR001, REF006) get the pages through this protocol; `playbook.site.checking` supplies the real ones.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Protocol


class Pages(Protocol):
    def markdown(self, page: str) -> str | None:
        """The Markdown of site page `page` (e.g. `severities.md`, `scenarios/x.md`) after macros; None if none."""


PAGES: ContextVar[Pages] = ContextVar("playbook_check_pages")


def current() -> Pages:
    """The pages of the current check run; a clear error when the caller gave none."""
    try:
        return PAGES.get()
    except LookupError:
        raise RuntimeError(
            "this rule reads the site's pages: run it with run_checks(cat, pages=...), "
            "e.g. through playbook.site.checking.check(cat)"
        ) from None
