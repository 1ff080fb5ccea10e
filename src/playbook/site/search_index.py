"""The search index's entries of an aside page folded into one: the page's entry, its sections' titles and texts."""

from __future__ import annotations

from collections.abc import Callable


def fold_asides(docs: list[dict], kind: Callable[[str], str | None]) -> list[dict]:
    """The index's entries with each aside's sections (a checker rule, a benchmark) folded into its page's entry:
    the page is still found by a section's words ("SRCH004", "payload"), at the bottom of the list where an aside
    ranks; a section entry of its own (its address, its title, its prior) weighed on every first visit for a
    result no incident query wants. Their text follows the page's paragraph, still one paragraph."""
    pages = {d["location"]: d for d in docs if "#" not in d["location"] and kind(d["location"]) == "aside"}
    out = []
    for d in docs:
        page = pages.get(d["location"].split("#")[0])
        if page is None or page is d:
            out.append(d)
            continue
        page["text"] = f"{page['text']} {d['title']}: {d['text'].removeprefix('<p>').removesuffix('</p>')}"
    return out
