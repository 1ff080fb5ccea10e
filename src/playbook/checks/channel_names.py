"""Checker rule on a Slack channel's name: its id as typed (#incidents for incidents), or unlike it (TXT015)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.suggest import edit_distance

_TEMPLATE = re.compile(r"[\[{<]")  # "#incident-[timestamp]": a pattern of names, not one channel


def near_miss(channel_id: str, name: str) -> bool:
    """Whether `name` is one or two letters from the channel's id, written as a channel (#id), without being it:
    "#incidnets" or "#incident" for incidents; "#incidents" and "#ops-room" are not."""
    typed = name.strip().removeprefix("#").lower()
    if _TEMPLATE.search(typed) or typed == channel_id.lower():
        return False
    return edit_distance(typed, channel_id.lower()) <= min(2, len(channel_id) // 4)


@rule(
    "TXT015",
    "error",
    "a Slack channel's name is its id as a channel (#incidents for incidents), or unlike it: not one or two letters "
    "from it",
    "The name is what the pages, the binder and the declaration step tell responders to open or post in; the id is "
    "only the data's key, checked wherever it is cited. #incidnets (or #incident) under id incidents is a channel "
    "nobody watches: status updates go there and stakeholders never see them, and no reference breaks.",
    "write the channel's name as its id (with #), or, if the channel is really named otherwise, give it an id "
    "of that name",
)
def channel_names_typed(ctx: CheckContext, report: Reporter):
    for i, ch in enumerate(ctx.catalog.oncall.channels):
        if near_miss(ch.id, ch.name):
            edits = edit_distance(ch.name.strip().removeprefix("#").lower(), ch.id.lower())
            message = (
                f"channel {ch.id} is named {ch.name}, {edits} letter{'s' if edits > 1 else ''} from its id: "
                f"responders sent to {ch.name} reach a channel nobody watches"
            )
            yield report(F.ONCALL, ("channels", i, "name"), message, f"write #{ch.id}", needle=ch.name)
