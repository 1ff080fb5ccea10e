"""Checker rule SEC029: a text sends something to a public place other than the one the playbook reviewed (the
status page)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.data.markup import data_strings
from playbook.markdown import outside_code

# "public", "publicly", "make public", "public-facing": a word that says who may read something
_PUBLIC = re.compile(r"(?i)(?<![\w/#-])public(?:ly|-facing)?\b")  # not in a slug, path or anchor
# The public things the playbook has reviewed: the status page (planned) and the calendar's public holidays. Deny by
# default: any other public place (a public channel, issue, snapshot, link, bucket) is a leak until reviewed here.
_REVIEWED = re.compile(r"(?i)^public\s+(?:status\b|holidays?\b)|status\s+page\s*\(if\s+public\)$")


def public_mentions(text: str) -> list[int]:
    """The offsets of every word of `text` (code spans left out) that makes something public, but the reviewed
    public things (the public status page, a status page "(if public)", public holidays)."""
    plain = outside_code(text)
    out = []
    for m in _PUBLIC.finditer(plain):
        around = plain[max(0, m.start() - 20) : m.end() + 1] if plain[m.end() : m.end() + 1] == ")" else ""
        if _REVIEWED.search(plain[m.start() : m.start() + 24]) or (around and _REVIEWED.search(around)):
            continue
        out.append(m.start())
    return out


@rule(
    "SEC029",
    "error",
    "no text sends something to a public place but the status page (a public issue, channel, snapshot or link)",
    "Everything an incident touches (a user's report, a log line, a dashboard panel of top IPs and users) names "
    "patients, clinicians or their sessions: put in a public GitHub issue, a public Slack channel or a public "
    "snapshot (snapshots.raintank.io), it is published and indexed for good. The one public place the playbook has "
    "reviewed is the status page, whose updates say nothing about patients; the calendar's public holidays are no "
    "place. Any other public place a text names is refused until the playbook reviews it here.",
    "keep it inside the organisation (the incident channel, the backlog, the team's own dashboard); if a new public "
    "place is meant, review it and add it to SEC029's reviewed places",
)
def no_public_places(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, text in data_strings(cat):
        for at in public_mentions(text) if "ublic" in text or "UBLIC" in text else ():
            message = f"{text[max(0, at - 20) : at + 30]!r} makes something public"
            yield _finding_at(cat, report, file, path, text, at, message, column=True)
