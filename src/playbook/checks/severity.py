"""Checker rules on the severity conditions, the SLAs and update cadences (the ladder's order: ladder.py)."""

from __future__ import annotations

import math
import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.catalog import Catalog
from playbook.data.durations import parse_duration

SEV = F.SEVERITIES


@rule(
    "SEV003",
    "error",
    "conditions name a known signal with an operator and a value that fit its unit",
    "A condition on an unknown signal, or `is` on a number, can never be evaluated; a yes/no signal defines a "
    "level by being detected (`is true`: 'is false' holds for every healthy system), and a measure cannot be "
    "negative nor a share above 100%: a condition that can never hold, or always holds, misclassifies.",
    "use a signal id from `signals:`; `is true` for bool signals, >, >=, <, <= with a value the unit allows "
    "for the others",
)
def conditions_typed(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, lvl in enumerate(cat.severities.levels):
        for j, c in enumerate(lvl.conditions):
            sig = cat.signals.get(c.signal)
            path = ("levels", i, "conditions", j)
            if sig is None:
                yield report(SEV, (*path, "signal"), f"unknown signal {c.signal!r}")
            elif (sig.unit == "bool") != (c.op == "is"):
                yield report(SEV, (*path, "op"), f"op {c.op!r} does not fit {sig.unit!r} signal {sig.id}")
            elif c.op == "is" and c.value is not True:
                yield report(
                    SEV, (*path, "value"), f"{sig.id} is {str(c.value).lower()}: a yes/no signal counts when detected"
                )
            elif c.op != "is":
                top = 100.0 if sig.unit == "%" else math.inf
                for key in ("value", "upto"):
                    x = getattr(c, key)
                    if isinstance(x, float | int) and not isinstance(x, bool) and not 0 <= x <= top:
                        bounds = "from 0 to 100" if sig.unit == "%" else "0 or more"
                        yield report(SEV, (*path, key), f"{sig.id} {key} {x:g} {sig.unit}: the unit allows {bounds}")


@rule(
    "SEV004",
    "warning",
    "measurable signals should have a threshold",
    "A condition on a signal that has a metric but no number is left to judgement at 3 a.m.",
    "give the condition a number once the team agrees on one, and record the decision",
    tbd=True,
)
def measurable_without_number(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, lvl in enumerate(cat.severities.levels):
        for j, c in enumerate(lvl.conditions):
            sig = cat.signals.get(c.signal)
            if sig and sig.unit == "bool" and sig.metric:
                yield report(
                    SEV,
                    ("levels", i, "conditions", j),
                    f"{lvl.id} '{c.wording}' has metric {sig.metric} but no threshold",
                )


def _sla_levels(cat: Catalog):
    return [(i, lvl) for i, lvl in enumerate(cat.severities.levels) if lvl.ack and lvl.resolve]


@rule(
    "SLA001",
    "error",
    "acknowledge within no more than the resolve time",
    "An incident cannot be resolved before anyone has acknowledged it.",
    "make `ack` shorter than or equal to `resolve`",
)
def ack_before_resolve(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, lvl in _sla_levels(cat):
        if parse_duration(lvl.ack) > parse_duration(lvl.resolve):
            yield report(SEV, ("levels", i, "ack"), f"{lvl.id}: ack {lvl.ack} > resolve {lvl.resolve}")


@rule(
    "SLA002",
    "error",
    "a more severe level has strictly tighter acknowledge and resolve times",
    "Otherwise a SEV-1 may wait longer than a SEV-2.",
    "tighten the SLA of the more severe level",
)
def slas_tighten(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    levels = sorted(_sla_levels(cat), key=lambda t: t[1].rank)
    for (i, hi), (j, lo) in zip(levels, levels[1:], strict=False):
        for key in ("ack", "resolve"):
            if parse_duration(getattr(hi, key)) >= parse_duration(getattr(lo, key)):
                # at both lines, the milder level's first: which of the two was mistyped, the data cannot tell
                message = f"{lo.id} {key} {getattr(lo, key)} is not looser than {hi.id}'s {getattr(hi, key)}"
                yield report(SEV, ("levels", j, key), message)
                yield report(SEV, ("levels", i, key), message)
    for i, lvl in enumerate(cat.severities.levels):
        if not (lvl.ack and lvl.resolve) and any(o.rank > lvl.rank for _, o in levels):
            yield report(SEV, ("levels", i), f"{lvl.id} has no SLA but a milder level has one")


@rule(
    "SLA003",
    "error",
    "update cadence: one value per level that posts updates, tightening with severity",
    "The seed said both hourly and every 30 minutes for SEV-1; one value, rendered everywhere, ends that.",
    "set `update_every` on every level with a post_updates action, and only there",
)
def cadence(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    posting = []
    for i, lvl in enumerate(cat.severities.levels):
        posts = any(a.kind == "post_updates" for a in lvl.response)
        if posts and not lvl.update_every:
            yield report(SEV, ("levels", i), f"{lvl.id} posts updates but has no update_every")
        elif lvl.update_every and not posts:
            # a cadence a decision fixes (its fixes: names update_every) is settled: the response lost its post
            fixed = {d.id for d in cat.decisions.decisions if "update_every" in (d.fixes or [])}
            if lvl.decision in fixed and lvl.response:
                msg = f"{lvl.id} posts no updates, but its cadence ({lvl.update_every}) is fixed by {lvl.decision}"
                hint = "add the level's `{kind: post_updates, channel: …}` response back"
                yield report(SEV, ("levels", i, "response", len(lvl.response) - 1), msg, hint)
                continue
            yield report(SEV, ("levels", i, "update_every"), f"{lvl.id} has a cadence but posts no updates")
        elif posts:
            posting.append((i, lvl))
    posting.sort(key=lambda t: t[1].rank)
    for (i, hi), (j, lo) in zip(posting, posting[1:], strict=False):
        if parse_duration(hi.update_every) > parse_duration(lo.update_every):
            # Which of the two values is the mistake, the data cannot tell: the finding is at both lines, the
            # more severe level's first (a SEV-1 typed 3h), then the milder one's (a SEV-2 typed 20m).
            yield report(
                SEV,
                ("levels", i, "update_every"),
                f"{hi.id} updates less often ({hi.update_every}) than {lo.id} ({lo.update_every})",
                f"make {hi.id}'s update_every no longer than {lo.id}'s {lo.update_every}, or fix {lo.id}'s",
            )
            yield report(
                SEV,
                ("levels", j, "update_every"),
                f"{lo.id} updates more often ({lo.update_every}) than the more severe {hi.id} ({hi.update_every})",
                f"make {lo.id}'s update_every no shorter than {hi.id}'s {hi.update_every}, or fix {hi.id}'s",
            )


@rule(
    "SLA004",
    "error",
    "a level posts its first update before its resolve time",
    "An update cadence slower than the resolve SLA promises the first status update after the incident "
    "should be over: the people waiting hear nothing while it lasts.",
    "make update_every no longer than the level's resolve time",
)
def updates_within_resolve(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, lvl in enumerate(cat.severities.levels):
        if lvl.update_every and lvl.resolve and parse_duration(lvl.update_every) > parse_duration(lvl.resolve):
            yield report(
                SEV,
                ("levels", i, "update_every"),
                f"{lvl.id} updates every {lvl.update_every}, longer than its resolve time {lvl.resolve}",
            )


@rule(
    "SEV005",
    "error",
    "every severity level has at least one condition",
    "A level with no condition can never be chosen: classify, the alerts and the severity table skip it.",
    "add the conditions that make an incident this severe (a signal, an operator, a value, its wording)",
)
def levels_have_conditions(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, lvl in enumerate(cat.severities.levels):
        if not lvl.conditions:
            yield report(SEV, ("levels", i, "conditions"), f"{lvl.id} has no conditions")


@rule(
    "SEV006",
    "error",
    "a level that creates a channel or posts updates names the channel",
    "The ladder says where updates go: the channel is a fact of oncall.yaml, named by the action, not by the code.",
    "add `channel:` with an id of oncall.yaml's channels to the action",
)
def channel_actions(ctx: CheckContext, report: Reporter):
    for i, lvl in enumerate(ctx.catalog.severities.levels):
        for j, act in enumerate(lvl.response):
            if act.kind in ("create_channel", "post_updates") and not act.channel:
                yield report(SEV, ("levels", i, "response", j), f"{lvl.id}'s {act.kind} names no channel")


# A channel made per incident has a name with a slot the incident fills: "#incident-[timestamp]", "#inc-{id}",
# "#inc-<date>" (the ways a template slot is written in this data and in Slack's naming advice)
_SLOT = re.compile(r"\[[^\]]+\]|\{[^}]+\}|<[^>]+>")


@rule(
    "SEV010",
    "error",
    "a level's create_channel names a channel created per incident (a name with a slot), not a standing channel",
    "A standing channel (#incidents, the status channel of every incident) exists already: creating it fails or "
    "posts the incident's working chatter where every other incident's status goes; the channel made per incident "
    "is the one whose name the incident fills (#incident-[timestamp]).",
    "name the per-incident channel of oncall.yaml (a name with a slot such as [timestamp])",
)
def creates_a_new_channel(ctx: CheckContext, report: Reporter):
    # Which side moved: when two or more levels create the same standing channel, the channel's name lost its slot
    # (reported there); one level alone naming a standing channel is that action's edit.
    cat = ctx.catalog
    channels = {c.id: (k, c) for k, c in enumerate(cat.oncall.channels)}
    creates = [
        (i, j, act.channel)
        for i, lvl in enumerate(cat.severities.levels)
        for j, act in enumerate(lvl.response)
        if act.kind == "create_channel" and act.channel in channels
    ]
    per_incident = sorted({c.name for _, c in channels.values() if _SLOT.search(c.name)})
    for cid in sorted({c for *_, c in creates}):
        k, ch = channels[cid]
        if _SLOT.search(ch.name):
            continue
        users = [(i, j) for i, j, c in creates if c == cid]
        message = f"{ch.name} is a standing channel (its name has no slot the incident fills), yet "
        hint = f"the channels made per incident: {', '.join(per_incident)}; " if per_incident else ""
        if len(users) > 1:
            levels = ", ".join(cat.severities.levels[i].id for i, _ in users)
            yield report(F.ONCALL, ("channels", k, "name"), message + f"{levels} create it", hint + report.rule.fix)
            continue
        i, j = users[0]
        lvl = cat.severities.levels[i]
        yield report(SEV, ("levels", i, "response", j), message + f"{lvl.id} creates it", hint + report.rule.fix)
