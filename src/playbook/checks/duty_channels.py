"""Checker rule ALR016: a channel an on-call duty names is one whose purpose is the duty's business."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data import quantities as Q

# Words that carry no business of their own: a duty and a purpose sharing only these share nothing
_FILLER = frozenset(
    {"a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with", "per", "every", "all", "each",
     "one", "any", "it", "its", "is", "are", "be", "their", "them", "if", "when", "within", "from", "this", "that"}
)  # fmt: skip


def content(text: str) -> set[str]:
    """The stems of a text's words that say what it is about (no filler)."""
    return Q.words(text) - _FILLER


@rule(
    "ALR016",
    "error",
    "each channel an on-call duty names (oncall.yaml channels:) has a purpose that shares the duty's business: a "
    "word of the duty's text is a word of the channel's purpose",
    "The duties are the on-call page's list of what the primary does; the channels named there are the ones watched. "
    "A channel swapped for one whose purpose is something else (#incidents, status updates of declared incidents, in "
    "the duty to monitor alerts) leaves the channel the alerts land in (#security-alerts, the security team's) "
    "watched by nobody, and tells the primary to watch a channel where no alert is posted.",
    "name the channel whose purpose (oncall.yaml channels:) is the duty's, or reword the duty",
)
def duty_channels_fit(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    channels = {c.id: c for c in cat.oncall.channels}
    for i, duty in enumerate(cat.oncall.responsibilities):
        said = content(duty.text)
        off = [c for c in duty.channels if c in channels and not content(channels[c].purpose) & said]
        if said and off:
            shown = ", ".join(f"{channels[c].name} ({channels[c].purpose})" for c in off)
            msg = f"the duty {duty.text!r} names {shown}, whose purpose is not the duty's"
            yield report(F.ONCALL, ("responsibilities", i, "channels"), msg)
