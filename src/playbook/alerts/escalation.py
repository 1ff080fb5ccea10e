"""The escalation path as a file a paging tool is configured from (alerts/escalation-policy.json).

Alertmanager routes an alert to whoever is paged at once; it does not escalate on time. The paging
tool does: this file lists, per severity (and per incident type, for the owner teams it adds), each
step with its delay after the page, whether it applies only while unacknowledged, and its receivers.
"""

from __future__ import annotations

import json
from itertools import groupby

from playbook.data import files as F
from playbook.data.catalog import Catalog
from playbook.incident.routes import schedule

FORMAT = "clinical-os-playbook/escalation-policy/v1"


def _steps(cat: Catalog, sev: str, incident_type: str | None, skip: set[str]) -> list[dict]:
    contacts = [c for c in schedule(cat, sev, incident_type) if c.party not in skip]
    out = []
    for (at, conditional), group in groupby(contacts, key=lambda c: (c.at, c.conditional)):
        parties = list(group)
        out.append(
            {
                "after_seconds": int(at.total_seconds()),
                "only_if_unacknowledged": conditional,
                "notify": [c.party for c in parties],
                "why": [c.reason for c in parties],
            }
        )
    return out


def policy(cat: Catalog) -> dict:
    """{format, policies: [{severity, incident_type (null: any), steps}]}; type policies add to the level's."""
    policies = []
    for level in cat.severities.levels:
        base = _steps(cat, level.id, None, set())
        if not base:
            continue
        policies.append({"severity": level.id, "incident_type": None, "steps": base})
        seen = {p for s in base for p in s["notify"]}
        for it in cat.matrix.incident_types:
            extra = _steps(cat, level.id, it.id, seen)
            if extra:
                policies.append({"severity": level.id, "incident_type": it.id, "steps": extra})
    return {"format": FORMAT, "generated_from": f"{F.ONCALL.name}, {F.MATRIX.name}", "policies": policies}


def policy_text(cat: Catalog) -> str:
    return json.dumps(policy(cat), indent=2, ensure_ascii=False) + "\n"
