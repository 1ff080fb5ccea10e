"""Checker rule on a channel's purpose: the severity levels it names are all those whose response uses it (CAT018)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F

# SEV-1, SEV 2, a list or a range of them (SEV-1/2, SEV-1 and SEV-2, SEV-1 to SEV-3, SEV-1–3), and "SEV-2 and above"
_LEVELS = re.compile(
    r"\bSEV[- ]?(\d)((?:\s*(?:/|,|&|\band\b|\bor\b)\s*(?:SEV[- ]?)?\d)*)"
    r"(?:\s*(?:-|–|\bto\b|\bthrough\b)\s*(?:SEV[- ]?)?(\d))?"
    r"(\s*(?:\+|(?:and|or) (?:above|higher|up|worse|lower|below)))?",
    re.I,
)


def named_levels(text: str, levels: list[str]) -> set[str]:
    """The ids of `levels` (in order, most severe first: SEV-1 …) that `text` names, by id or by name."""
    by_number = {re.sub(r"\D", "", x): x for x in levels}
    found: set[str] = set()
    for m in _LEVELS.finditer(text):
        numbers = [m.group(1), *re.findall(r"\d", m.group(2) or "")]
        if m.group(3):
            numbers += [str(n) for n in range(int(numbers[-1]), int(m.group(3)) + 1)]
        if m.group(4):  # SEV-2+ and "SEV-2 and above": every level at least as severe; "and below": the others
            start = levels.index(by_number[numbers[0]]) if numbers[0] in by_number else 0
            lower = re.search(r"lower|below", m.group(4), re.I)
            numbers += [re.sub(r"\D", "", x) for x in (levels[start:] if lower else levels[: start + 1])]
        found |= {by_number[n] for n in numbers if n in by_number}
    return found


@rule(
    "CAT018",
    "error",
    "a channel's purpose that names severity levels names every level whose response (severities.yaml) uses the "
    "channel",
    "The On-Call page shows a channel's purpose as who it is for. A purpose of 'status updates for SEV-1 incidents' "
    "on the channel where SEV-2 and SEV-3 also post their updates tells their responders the channel is not theirs, "
    "and the stakeholders who follow it stop getting SEV-2 updates.",
    "name every level whose response posts to or opens the channel (or none: 'every declared incident'), or change "
    "the responses in severities.yaml",
)
def purpose_names_its_levels(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    levels = [lvl.id for lvl in cat.severities.levels]
    names = {lvl.id: lvl.name for lvl in cat.severities.levels}
    for i, ch in enumerate(cat.oncall.channels):
        named = named_levels(ch.purpose, levels)
        named |= {x for x, n in names.items() if n and re.search(rf"(?<![\w-]){re.escape(n)}\b", ch.purpose, re.I)}
        if not named:
            continue
        using = [
            lvl.id for lvl in cat.severities.levels if any(getattr(a, "channel", None) == ch.id for a in lvl.response)
        ]
        left = [x for x in using if x not in named]
        if left:
            message = (
                f"{ch.name}'s purpose names {', '.join(sorted(named, key=levels.index))} only, but the response of "
                f"{', '.join(left)} uses it too"
            )
            yield report(F.ONCALL, ("channels", i, "purpose"), message)
