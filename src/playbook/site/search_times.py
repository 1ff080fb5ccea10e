"""The times the data gives that the browser's search reads: the clocks of the levels, the escalation rule's times and
the procedures' targets, each with the concept or answer a typed time names (pb-search.js: `durations`, `clocks`,
`quantities`)."""

from __future__ import annotations

from playbook.data.catalog import Catalog
from playbook.data.durations import seconds
from playbook.site.search_rows import built, section_text


def durations(cat: Catalog) -> list[dict]:
    """Each time the data gives a concept that says `times`: the concept, the minutes and the answer."""
    times = []  # (concept, duration, answer's source)
    for c in cat.search.concepts:
        if c.times == "escalation":  # a rule that starts at once (0m) or after the SLA has no time of its own
            rules = [e.after for e in cat.oncall.escalation if e.after != "ack-sla" and seconds(e.after)]
            times += [(c.id, after, "oncall.md#escalation-path") for after in rules]
        elif c.times:
            levels = [lv for lv in cat.severities.levels if getattr(lv, c.times)]
            said = section_text(cat, c.answer) if c.answer and "#" in c.answer else ""
            if all(lv.id in said for lv in levels):  # its own answer gives the time per level: it, not a level
                continue
            times += [(c.id, getattr(lv, c.times), f"severities.md#{lv.id.lower()}") for lv in levels]
    return [{"when": cid, "minutes": seconds(d) / 60, "find": find} for cid, d, find in times]


# a level's clock is a deadline (answer within it) or a cadence (do it every so often): a time typed after "within"
# is no "every" ("every half hour" is the SEV-1 updates, "within 15 minutes" the SEV-2 acknowledgement)
_CADENCES = {"update_every"}


def quantities(cat: Catalog) -> list[list]:
    """[minutes, "c" (a cadence) or "d" (a deadline), answer] of each time the data gives: each level's clocks (the
    answer of the concept that says them when its own section gives them per level, else the level), the escalation
    rule's times and each procedure's target. A time typed after "every" or "within" that is one answer's alone
    names it ("ai off within 120 seconds": the disable-AI procedure's 2 minutes)."""
    out: list[tuple[float, str, str]] = []
    for c in cat.search.concepts:
        if c.times == "escalation":
            rules = [e.after for e in cat.oncall.escalation if e.after != "ack-sla" and seconds(e.after)]
            out += [(seconds(after) / 60, "d", built("oncall.md#escalation-path")) for after in rules]
        elif c.times:
            levels = [lv for lv in cat.severities.levels if getattr(lv, c.times)]
            said = section_text(cat, c.answer) if c.answer and "#" in c.answer else ""
            own = all(lv.id in said for lv in levels)  # its own answer gives the time per level
            kind = "c" if c.times in _CADENCES else "d"
            for lv in levels:
                find = c.answer if own else f"severities.md#{lv.id.lower()}"
                out.append((seconds(getattr(lv, c.times)) / 60, kind, built(find)))
    out += [(seconds(p.target) / 60, "d", built(f"{pid}.md")) for pid, p in cat.procedures.items() if p.target]
    return [list(q) for q in dict.fromkeys(out)]


def clocks(cat: Catalog) -> list[list]:
    """[minutes, level] of every clock of every level (ack, resolve, update_every): a time a level question gives
    that is one level's clock alone ("24 hour fix deadline, what severity") names that level."""
    names = ("ack", "resolve", "update_every")
    levels = cat.severities.levels
    return [
        [seconds(t) / 60, built(f"severities.md#{lv.id.lower()}")]
        for lv in levels
        for n in names
        if (t := getattr(lv, n))
    ]
