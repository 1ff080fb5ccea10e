"""Links in the data's text: each relative link's page exists and has the anchor it names, on every page the
link is shown on (REF006)."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.pages import anchors_of
from playbook.data import files as F
from playbook.data.addresses import SCENARIO_DIR
from playbook.data.markup import data_strings
from playbook.errors import DataError
from playbook.markdown import outside_code

_LINK = re.compile(r"\]\(([^)\s]+)\)")


@rule(
    "REF006",
    "error",
    "every relative link in the data points at an existing page and at an anchor that page has",
    "The seed linked ALERTING_CONFIG.md and ROLLBACK_STRATEGY.md, which never existed. An anchor is a heading's "
    "id on the page as the site renders it: `#escalation` on a page whose section is `#escalation-path` opens the "
    "page at its top, and nothing says the section is missing. A link to an anchor of its own page is checked on "
    "every page the text is shown on.",
    "link to a page under docs/ (or scenarios/<id>.md) and an anchor it has (the message lists them)",
)
def links_resolve(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, text in data_strings(cat):
        if "](" not in text:
            continue
        base = SCENARIO_DIR + "/" if file.startswith(cat.file(F.SCENARIOS) + "/") else ""
        for target in _LINK.findall(outside_code(text)):
            page, _, anchor = target.partition("#")
            if parsed_url(target).scheme or not (page or anchor):
                continue
            # a page's own anchor: every page the link is shown on (the text's page, the binder) must have it
            for resolved in [_join(base, page)] if page else _shown_on(ctx, target):
                try:
                    anchors = _anchors(ctx, resolved)
                except DataError as e:
                    _raise_unless_data(cat, e)
                    continue
                if anchors is None:
                    yield report(file, path, f"link {target!r}: no page {resolved}", needle=target)
                elif anchor and anchor not in anchors:
                    listed = ", ".join(sorted(anchors)[:12]) or "none"
                    message = f"link {target!r}: {resolved} has no anchor #{anchor} (it has: {listed})"
                    yield report(file, path, message, needle=target)


def _anchors(ctx: CheckContext, page: str) -> set[str] | None:
    """The anchors site page `page` is rendered with (its headings' ids), or None when there is no such page."""

    def find() -> set[str] | None:
        md = ctx.page(page)
        return None if md is None else anchors_of(md)

    return ctx.catalog.memoized(("page anchors", page), find)


def _raise_unless_data(cat, error: DataError) -> None:
    """A page that cannot render because of the data: the data's own rule reports it (ALR004 for an alert's
    symptom), so it is left to that rule; because of the page itself (a macro of docs/ naming a procedure that is
    gone): raised, located in the page, since no rule reads the page's own text."""
    data = cat.rel(cat.project.data) + "/"
    if not all(p.file.startswith(data) for p in error.problems):
        raise error


def _shown_on(ctx: CheckContext, target: str) -> list[str]:
    """The site pages that show a link to `target` (a page's own anchor, `#x`), as rendered from the data."""
    out = []
    for page in ctx.page_names():
        try:
            if f"]({target})" in (ctx.page(page) or ""):
                out.append(page)
        except DataError as e:
            _raise_unless_data(ctx.catalog, e)
    return out


def parsed_url(text: str):
    """`urlparse(text)`, or an empty result for a text it refuses (`http://[x`: a bracketed host that is
    no IP address raises ValueError): a finding names the text, a traceback would not."""
    try:
        return urlparse(text)
    except ValueError:
        return urlparse("")


def _join(base: str, page: str) -> str:
    parts = (base + page).split("/")
    out: list[str] = []
    for p in parts:
        if p == "..":
            out = out[:-1]
        elif p and p != ".":
            out.append(p)
    return "/".join(out)
