"""The search index's entries of an aside page folded into one: the page's entry and its sections' titles."""

from __future__ import annotations

from collections.abc import Callable


def fold_asides(docs: list[dict], kind: Callable[[str], str | None]) -> list[dict]:
    """The index's entries with each aside's sections (a checker rule, a benchmark) folded into its page's entry
    as their titles: the page is still found by a section's title ("SRCH004", "Payload"), at the bottom of the
    list where an aside ranks. A section's own entry, or its text, would be weighed on every first visit for a
    result no incident query wants (the rules' summaries alone were 6 KB of the gzipped index); an editor comes to
    a rule by its id, which every finding prints. The titles follow the page's paragraph."""
    pages = {d["location"]: d for d in docs if "#" not in d["location"] and kind(d["location"]) == "aside"}
    out = []
    for d in docs:
        page = pages.get(d["location"].split("#")[0])
        if page is None or page is d:
            out.append(d)
            continue
        page["text"] = f"{page['text']} {d['title']}"
    return out
