"""Mentions of defined things in text (a level's name, business hours, a clock, a file format) and identities agree
with their definitions: each fault is found by its rule, run alone, at the line edited; each near miss passes."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

SEV3_FIX = "text: Fix within normal business hours"
SEV3_DECLARE = "declare: Handle during business hours\n  - id: SEV-4"
RESPOND = "answer: oncall.md#primary-on-call-engineer, times: ack,"
LOG_FILE = "default: logs.json\n"
SECURITY = "lead: security-lead, channel: security-alerts"
DATABASE = "name: Database Team, lead: TBD, channel: TBD"

# (rule, file, old, new, marker: the text of the line the finding must be on; None: the first line of `new`)
FAULTS = [
    # set 11 M42: an escalation trigger naming SEV-2 by its name, on a level that serves SEV-1 alone
    ("ESC007", "oncall.yaml", "trigger: The incident is CRITICAL", "trigger: The incident is HIGH or CRITICAL", None),
    # ... by its id, in any spelling
    ("ESC007", "oncall.yaml", "trigger: The incident is CRITICAL", "trigger: The incident is sev 2 or worse", None),
    # a route test's reason naming another level than the test's severity
    (
        "ESC007",
        "routes.yaml",
        "why: The SEV-2 acknowledge SLA has not run out yet",
        "why: The SEV-3 acknowledge SLA has not run out yet",
        None,
    ),
    # a level's declaration naming another level
    ("ESC007", "severities.yaml", "declare: Notify on-call team", "declare: Notify on-call team, as for MEDIUM", None),
    # the trigger says CRITICAL alone, its severities now take in SEV-2 (the severities line is the edit)
    (
        "ESC007",
        "oncall.yaml",
        "CRITICAL\n    severities: [SEV-1]",
        "CRITICAL\n    severities: [SEV-1, SEV-2]",
        "severities: [SEV-1, SEV-2]",
    ),
    # set 11 M43: SEV-3's declaration pages day or night; its fix is in business hours
    (
        "SEV007",
        "severities.yaml",
        SEV3_DECLARE,
        SEV3_DECLARE.replace("Handle during business hours", "Page the primary immediately, day or night"),
        None,
    ),
    # ... or no longer says business hours at all (the router now notifies it at night)
    (
        "SEV007",
        "severities.yaml",
        SEV3_DECLARE,
        SEV3_DECLARE.replace("Handle during business hours", "Notify the primary"),
        None,
    ),
    # a business-hours level whose fix is promised over the weekend
    ("SEV007", "severities.yaml", "text: Fix in next sprint", "text: Fix in next sprint or over the weekend", None),
    # a declaration that notifies whom the response pages (the seed's own contradiction), pages whom it notifies,
    # or names a party the response never reaches
    (
        "SEV008",
        "severities.yaml",
        "declare: Page engineering manager immediately",
        "declare: Notify engineering manager",
        None,
    ),
    ("SEV008", "severities.yaml", "declare: Notify on-call team", "declare: Page the on-call team", None),
    (
        "SEV008",
        "severities.yaml",
        "declare: Page engineering manager immediately",
        "declare: Page the CTO immediately",
        None,
    ),
    ("SEV008", "severities.yaml", "declare: Notify on-call team", "declare: Notify the secondary", None),
    (
        "SEV008",
        "severities.yaml",
        SEV3_DECLARE,
        SEV3_DECLARE.replace("Handle during business hours", "Page the primary"),
        None,
    ),
    # business hours given other days or times than oncall.yaml's
    ("SEV007", "severities.yaml", SEV3_FIX, SEV3_FIX + " (Monday to Saturday)", None),
    ("SEV007", "severities.yaml", SEV3_FIX, SEV3_FIX + " (08:00 to 18:00)", None),
    # set 11 M45: the respond concept (ack, acknowledge) reading a time beside it as a resolve time
    ("SRCH012", "search.yaml", RESPOND, RESPOND.replace("ack,", "resolve,"), None),
    # the update concept made an acknowledge clock; the escalation concept a resolve one
    (
        "SRCH012",
        "search.yaml",
        "answer: declare.md#step-5-communicate, times: update_every,",
        "answer: declare.md#step-5-communicate, times: ack,",
        None,
    ),
    (
        "SRCH012",
        "search.yaml",
        "answer: oncall.md#escalation-path, times: escalation, why: An incident",
        "answer: oncall.md#escalation-path, times: resolve, why: An incident",
        None,
    ),
    # a concept that reads as a word no numeric signal has: its words beside a number find no level
    ("SRCH013", "search.yaml", "rank: 9, reads: error,", "rank: 9, reads: failure,", None),
    ("SRCH013", "search.yaml", "rank: 9, reads: error,", "rank: 9, reads: slowness,", None),
    # set 11 M47: the JSON Lines export compressed; or of another format
    ("CAT009", "meta.yaml", LOG_FILE, "default: logs.json.gz\n", None),
    ("CAT009", "meta.yaml", LOG_FILE, "default: exports/logs.csv\n", None),
    ("CAT009", "meta.yaml", "default: prisma/dev.db.backup", "default: prisma/dev.db.backup.gz", None),
    # set 15 M46 (spent): a UTC timestamp written with another offset, or none; no ISO-8601 time at all
    ("CAT011", "meta.yaml", 'default: "2026-01-14T09:00:00Z"', 'default: "2026-01-14T10:00:00+01:00"', None),
    ("CAT011", "meta.yaml", 'default: "2026-01-14T09:00:00Z"', 'default: "2026-01-14T09:00:00"', None),
    ("CAT011", "meta.yaml", 'default: "2026-01-14T09:00:00Z"', 'default: "14/01/2026 09:00"', None),
    # set 11 M48: the security team given the backend team's channel
    ("OWN003", "contacts.yaml", SECURITY, SECURITY.replace("security-alerts", "backend-alerts"), None),
    # a team given the on-call team's channel; the secondary given the primary's Slack handle
    ("OWN003", "contacts.yaml", DATABASE, DATABASE.replace("channel: TBD", "channel: on-call"), None),
    ("OWN003", "contacts.yaml", 'slack: "@oncall-secondary"', 'slack: "@oncall-primary"', None),
]

# Near misses: the same fields, edited so that they still agree
NEAR_MISSES = [
    ("ESC007", "oncall.yaml", "trigger: The incident is CRITICAL", "trigger: The incident is SEV-1 (critical)"),
    ("ESC007", "oncall.yaml", "trigger: The incident persists", "trigger: The incident persists, a high load or low"),
    ("SEV007", "severities.yaml", SEV3_DECLARE, SEV3_DECLARE.replace("hours", "hours, in the working week")),
    ("SEV007", "severities.yaml", SEV3_FIX, SEV3_FIX + " (Monday to Friday from 09:00)"),
    (
        "SEV007",
        "severities.yaml",
        "declare: Page engineering manager immediately",
        "declare: Page engineering manager day or night",
    ),
    (
        "SEV008",
        "severities.yaml",
        "declare: Page engineering manager immediately",
        "declare: Page engineering manager immediately; never page the CTO",
    ),
    ("SEV008", "severities.yaml", "declare: Notify on-call team", "declare: Notify the primary on-call engineer"),
    ("SRCH012", "search.yaml", "words: [resolve, resolving,", "words: [resolve, no ack, resolving,"),
    ("CAT009", "meta.yaml", LOG_FILE, "default: logs.jsonl\n"),
    ("CAT009", "meta.yaml", LOG_FILE, "default: exports/logs.ndjson\n"),
    (
        "CAT009",
        "meta.yaml",
        "Structured log export, one JSON object per line (JSON Lines).",
        "Structured log export, gzip-compressed JSON Lines.",
    ),
    ("OWN003", "contacts.yaml", DATABASE, DATABASE.replace("lead: TBD", "lead: security-lead")),
    ("CAT011", "meta.yaml", 'default: "2026-01-14T09:00:00Z"', 'default: "2026-01-14T09:00:00+00:00"'),
    ("CAT011", "meta.yaml", "ISO-8601 UTC timestamp", "ISO-8601 timestamp with its offset"),
    ("OWN003", "contacts.yaml", DATABASE, DATABASE.replace("channel: TBD", "channel: incidents")),
]
GZIP_MEANING = "Structured log export, gzip-compressed JSON Lines."


@pytest.mark.parametrize(
    ("rule", "file", "old", "new", "marker"), FAULTS, ids=[f"{f[0]}-{i}" for i, f in enumerate(FAULTS)]
)
def test_mention_fault_found_at_the_edited_line(data_copy, catalog, rule, file, old, new, marker):
    assert check(catalog, [rule]) == []  # the real data passes
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), [rule])
    want = marker or new.strip().splitlines()[0]
    text = (data_copy / file).read_text(encoding="utf-8").splitlines()
    lines = {n for n, line in enumerate(text, 1) if want in line}
    assert lines and found and {p.file for p in found} == {f"data/{file}"}, [p.format() for p in found]
    assert lines & {p.line for p in found}, ([p.format() for p in found], sorted(lines))


@pytest.mark.parametrize(
    ("rule", "file", "old", "new"), NEAR_MISSES, ids=[f"{f[0]}-{i}" for i, f in enumerate(NEAR_MISSES)]
)
def test_mention_near_miss_passes(data_copy, rule, file, old, new):
    edit(data_copy / file, old, new)
    if GZIP_MEANING in new:  # a meaning that names the compression allows it
        edit(data_copy / file, LOG_FILE, "default: logs.json.gz\n")
    assert [p.format() for p in check(load_catalog(data_copy), [rule])] == []
