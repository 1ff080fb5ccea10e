"""Where a section's anchor went: the data title whose heading now makes the anchor nearest to one named but gone."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from playbook.checks.engine import Reporter
from playbook.checks.markup import _finding_at
from playbook.data.markup import all_strings
from playbook.markdown import slug
from playbook.runbooks.headings import heading_ids

# A numbered section's anchor starts with its number, alone or after a word (`2-check-ai-…`, `step-3-update-…`)
_NUMBER = re.compile(r"^(?:[a-z]+-)?\d+-")
_TITLE_KEYS = {"title", "name", "heading"}  # the fields a heading is made from


def nearest_anchor(markdown: str, gone: str) -> str | None:
    """The anchor of `markdown` most like `gone`, a title's words changed ("2-check-ai-provider-health" for
    "2-check-ai-service-health"): a numbered one keeps its number; None when none is alike."""
    number = _NUMBER.match(gone)
    present = [hid for _, hid in heading_ids(markdown, set())]
    # the same words under another number: the section moved (a step put before it), its title kept
    moved = [a for a in present if number and _NUMBER.sub("", a) == _NUMBER.sub("", gone)]
    if len(moved) == 1:
        return moved[0]
    if number:
        present = [a for a in present if a.startswith(number.group(0))]
    # words added to the title's end, or taken off it ("re-enable-ai" is now "re-enable-ai-after-an-outage"): that
    # anchor, whatever another's letters share with it
    grown = [a for a in present if a.startswith(gone + "-") or gone.startswith(a + "-")]
    if len(grown) == 1:
        return grown[0]
    close = difflib.get_close_matches(gone, present, 1, 0.6)
    return close[0] if close else None


def titles_making(cat, anchor: str) -> list[tuple[str, tuple, str]]:
    """(file, path, text) of each data title whose heading makes `anchor` (with its section number, or without)."""
    bare = _NUMBER.sub("", anchor)
    return [
        (f, p, t)
        for f, p, t in all_strings(cat)
        if p and p[-1] in _TITLE_KEYS and "\n" not in t and slug(t) in (anchor, bare)
    ]


def at_the_title(cat, report: Reporter, markdown: str | None, gone: str, named_at: str) -> Iterator:
    """A finding at the title that makes the anchor nearest to `gone` (named at `named_at`, made by no heading), when
    one title alone makes it: either side may be the edit (the title changed, or the name typed wrong), so the
    title is shown beside the name, worded for both."""
    if not markdown:
        return
    now = nearest_anchor(markdown, gone)
    found = titles_making(cat, now) if now else []
    if len(found) == 1:
        file, path, text = found[0]
        message = (
            f"this title makes the anchor #{now}; {named_at} names #{gone}, which no heading makes: "
            "if the title was changed or moved, the anchor went with it"
        )
        hint = f"put the title back (or in its place), or point {named_at} at #{now}"
        yield _finding_at(cat, report, file, path, text, 0, message, hint=hint)
