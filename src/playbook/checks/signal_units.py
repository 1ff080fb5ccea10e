"""Checker rule CAT019: a severity signal's unit is of the kind its name says it measures (multiple, share, time)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.help_units import thresholds
from playbook.data import files as F

# What a signal's name says it measures. A comparison with a reference comes first: a time "versus baseline" is a
# multiple of the baseline, not a time.
_MULTIPLE = re.compile(
    r"\b(?:versus|vs|relative to|compared (?:to|with)|multiple of|ratio to|times (?:the |its )?baseline)\b"
    r"|\b(?:over|above|against|of) (?:the |its )?baseline\b",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b(?:time|duration|latency|delay|lag|uptime|downtime|how long)\b", re.IGNORECASE)
_SHARE = re.compile(r"\b(?:share|percentage|percent|proportion|fraction|rate)\b", re.IGNORECASE)

# The units of each kind, as severities.yaml's schema writes them, and how `playbook incident` reads a value in each
_KIND_UNITS = {"multiple": {"x"}, "time": {"ms", "min"}, "share": {"%"}}
_READS = {"x": "a multiple of the baseline", "%": "a share from 0 to 100%", "ms": "milliseconds", "min": "minutes"}
_KIND_SAID = {"multiple": "a multiple of a baseline", "time": "a time", "share": "a share"}


def name_kind(name: str) -> str | None:
    """The kind of quantity a signal's name says it measures: multiple, time or share; None when it says none
    (a name with both a time and a share word, "time share", is left alone)."""
    if _MULTIPLE.search(name):
        return "multiple"
    time, share = bool(_TIME.search(name)), bool(_SHARE.search(name))
    if time != share:
        return "time" if time else "share"
    return None


@rule(
    "CAT019",
    "error",
    "a severity signal's unit is of the kind its name says it measures: x for a comparison with a baseline "
    "(versus, relative to, over the baseline), and only for one; % for a share or rate; ms or min for a time",
    "The unit is how `playbook incident` reads the value typed for the signal and how the Severities page writes "
    "its thresholds: the p95 versus baseline in % makes SEV-2's `> 2` a p95 two percent over the baseline (ordinary "
    "jitter pages as a performance degradation), and a value typed as 2.5x is refused.",
    "make the unit the kind the name says (x for a multiple of the baseline), or rename the signal for what it holds",
)
def signal_unit_of_its_name(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, sig in enumerate(cat.severities.signals):
        if sig.unit == "bool":
            continue  # a yes/no judgement about a quantity ("high rate limit hit rate") has no unit to compare
        kind = name_kind(sig.name)
        if kind and sig.unit in _KIND_UNITS[kind]:
            continue
        if kind is None and sig.unit != "x":
            continue
        limits = ", ".join(f"{v:g}" for v in thresholds(cat, sig.id))
        read = f"; its thresholds ({limits}) are read as {_READS[sig.unit]}" if limits else ""
        # the id is a third witness (p95_vs_baseline): when it says the unit's kind, the name is the one that moved
        by_id = name_kind(sig.id.replace("_", " "))
        if by_id and by_id != kind and sig.unit in _KIND_UNITS[by_id]:
            msg = f"{sig.id}'s name {sig.name!r} says {_KIND_SAID[kind] if kind else 'no baseline'}, but its id and "
            msg += f"its unit ({sig.unit}) say {_KIND_SAID[by_id]}"
            hint = "name the signal for what its id and unit say it holds"
            yield report(F.SEVERITIES, ("signals", i, "name"), msg, hint)
            continue
        if kind is None:  # x with nothing to be a multiple of
            msg = f"{sig.id}'s unit is x, a multiple of a baseline, but its name {sig.name!r} compares it with none"
            hint = "name the baseline the signal is a multiple of, or give it the unit of what it measures"
        else:
            msg = f"{sig.id} is {sig.name!r}, {_KIND_SAID[kind]}, but its unit is {sig.unit}{read}"
            hint = f"make the unit {' or '.join(sorted(_KIND_UNITS[kind]))}, the kind the name says"
        yield report(F.SEVERITIES, ("signals", i, "unit"), msg, hint)
