"""Facts named beside each other agree: an alert's drill, a backup's file, a project's link, an endpoint's limit."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

S = "scenarios/"
_DOWN = "  - title: System Down\n    scenario: database-down\n"
_AUTH_WHY = "that IP is refused sign-in until the rate-limit window ends"

# (rule, file, old, new, markers): the rule, run alone on the edited copy, reports an error on the line of each
# marker (the first line holding it after the edit), and in no other file
FAULTS = [
    # the slow-query alert names the corrupt-backup variant (set 16's M37): a corrupt file fails queries, it does not
    # slow them; at the alert's drill:
    ("DRILL008", "alerts.yaml", "drill: slow-queries", "drill: backup-corrupt", ["drill: backup-corrupt"]),
    # ... and the outage alert (5xx ratio) given the slow variant, whose probes all answer 200
    ("DRILL008", "alerts.yaml", _DOWN, _DOWN + "    drill: slow-queries\n", ["    drill: slow-queries\n    symptom"]),
    # the database file renamed while the backup stays dev.db's (set 16's M40): at both defaults
    (
        "REF019",
        "meta.yaml",
        "default: prisma/dev.db\n",
        "default: prisma/clinical.db\n",
        ["default: prisma/clinical.db", "default: prisma/dev.db.backup"],
    ),
    # ... and the backup's default made another file's
    (
        "REF019",
        "meta.yaml",
        "default: prisma/dev.db.backup",
        "default: prisma/prod.db.backup",
        ["default: prisma/prod.db.backup", "default: prisma/dev.db\n"],
    ),
    # the Vercel project's default made the staging one while the Dashboard link opens production (set 16's M41)
    (
        "REF020",
        "meta.yaml",
        "default: dramal/clinical-os\n",
        "default: dramal/clinical-os-staging\n",
        ["default: dramal/clinical-os-staging", "url: https://vercel.com/dramal/clinical-os"],
    ),
    # ... and the link moved to another project, the default left
    (
        "REF020",
        "meta.yaml",
        "url: https://vercel.com/dramal/clinical-os\n",
        "url: https://vercel.com/dramal/clinical-os-old\n",
        ["url: https://vercel.com/dramal/clinical-os-old", "default: dramal/clinical-os\n"],
    ),
    # the shared AI draft reason names the WRITE limit for generate-note, limited by AI (set 16's M46): at the text
    ("RATE004", "catalog.yaml", "against the AI rate limit", "against the WRITE rate limit", ["the WRITE rate limit"]),
    # ... and a block's own reason naming the WRITE limit for its sign-in requests (AUTH)
    (
        "RATE004",
        S + "auth-failure-spike.yaml",
        _AUTH_WHY,
        _AUTH_WHY.replace("rate-limit", "WRITE rate limit's"),
        ["WRITE rate limit's"],
    ),
]


def _line(path, marker: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert marker in text, marker
    return text[: text.find(marker)].count("\n") + 1


@pytest.mark.parametrize(("rule", "file", "old", "new", "markers"), FAULTS, ids=[f"{f[0]}-{f[1]}" for f in FAULTS])
def test_named_fact_that_disagrees_is_found_at_its_line(data_copy, catalog, rule, file, old, new, markers):
    assert check(catalog, [rule]) == []  # the real data passes
    edit(data_copy / file, old, new)
    found = {(p.file, p.line) for p in check(load_catalog(data_copy), [rule]) if p.level == "error"}
    want = {(f"data/{file}", _line(data_copy / file, m)) for m in markers}
    assert want <= found, (sorted(found), sorted(want))
    assert {f for f, _ in found} == {f"data/{file}"}, sorted(found)


NEAR_MISSES = [
    # the not-ready alert drilled on the corrupt backup: readiness answers 503 there too
    (
        "DRILL008",
        "alerts.yaml",
        "    metric: {metric: health.readiness}\n",
        "    metric: {metric: health.readiness}\n    drill: backup-corrupt\n",
    ),
    # the file and its backup renamed together; the backup kept in another folder under a dated name
    ("REF019", "meta.yaml", "default: prisma/dev.db\n", "default: prisma/clinical.db\n"),
    ("REF019", "meta.yaml", "default: prisma/dev.db.backup", "default: backups/dev.db.2026-01-14"),
    # the link opening a page of the same project; the default and the link moved to staging together
    ("REF020", "meta.yaml", "vercel.com/dramal/clinical-os\n", "vercel.com/dramal/clinical-os/deployments\n"),
    ("REF020", "meta.yaml", "clinical-os\n", "clinical-os-staging\n"),
    # the sign-in reason naming the sign-in endpoint's own limit
    ("RATE004", S + "auth-failure-spike.yaml", _AUTH_WHY, _AUTH_WHY.replace("rate-limit", "AUTH rate limit's")),
]


@pytest.mark.parametrize(("rule", "file", "old", "new"), NEAR_MISSES, ids=[f"{f[0]}-{f[3][:24]}" for f in NEAR_MISSES])
def test_named_fact_that_agrees_passes(data_copy, rule, file, old, new):
    edit(data_copy / file, old, new, count=2)
    if rule == "REF019" and "clinical.db" in new:
        edit(data_copy / file, "default: prisma/dev.db.backup", "default: prisma/clinical.db.backup")
    assert check(load_catalog(data_copy), [rule]) == []
