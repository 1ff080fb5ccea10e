"""The times the data gives that the browser's search reads: the clocks of the levels, the escalation rule's times and
the procedures' targets, each with the concept or answer a typed time names (pb-search.js: `durations`, `clocks`,
`quantities`)."""

from __future__ import annotations

from playbook.data.catalog import Catalog
from playbook.data.durations import seconds
from playbook.site.search_rows import built, places, section_text


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
    rule's times, each procedure's target and each runbook's time parameters (at the step that says one). A time
    typed after "every" or "within" that is one answer's alone names it ("ai off within 120 seconds": the disable-AI
    procedure's 2 minutes)."""
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
    # the times a runbook acts on (the AI runbook waits out an outage shorter than its wait_limit and polls every
    # poll_every), each at the step that says it: a level's clock that equals one is no longer that level's alone
    # ("ai out less than 60 min, wait?" is the AI runbook's decision step, not SEV-3's acknowledgement)
    said = {(p["find"].split("#")[0], m): p["find"] for p in reversed(places(cat)) for m in p.get("times", [])}
    runbooks = [(f"scenarios/{sid}.md", sc.params) for sid, sc in cat.scenarios.items()]
    runbooks += [(f"{pid}.md", p.params) for pid, p in cat.procedures.items()]
    for page, params in runbooks:
        for name, value in params.items():
            minutes = seconds(value) / 60
            out.append((minutes, _kind(name), said.get((built(page), minutes), built(page))))
    return [list(q) for q in dict.fromkeys(out)]


def _kind(param: str) -> str:
    """A runbook time named "…_every" is a cadence, as the levels' update_every is; any other a bound."""
    return "c" if param.endswith("_every") else "d"


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
