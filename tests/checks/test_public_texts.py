"""SEC022: the wording given for the public status page names the symptom, not what only responders may know."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.public_texts import disclosed, public_texts
from playbook.data.load import load_catalog
from playbook.site.checking import check

INCIDENT = "incident.yaml"
AI_DOWN = "scenarios/ai-service-down.yaml"
MESSAGE = "We are investigating reports of login issues."


def test_real_data_passes(catalog):
    assert check(catalog, ["SEC022"]) == []


def test_the_status_page_illustration_is_read(catalog):
    """Both wordings the data gives for the status page: the template's message and the AI outage's update."""
    assert [str(path[0]) for _, path, _ in public_texts(catalog)] == ["status_page", "steps"]


@pytest.mark.parametrize(
    ("file", "old", "new", "marker"),
    [
        (INCIDENT, MESSAGE, "We are blocking sign-in attempts from 198.51.100.0/24.", "198.51.100.0/24"),
        (INCIDENT, MESSAGE, "Accounts lacking MFA may be locked while we investigate.", "lacking MFA"),
        (INCIDENT, MESSAGE, "We are investigating login issues for jane.doe@dramal.com.", "jane.doe@"),
        (AI_DOWN, "temporarily unavailable.", "unavailable after an attack on our AI provider.", "an attack on"),
    ],
    ids=["a-network", "unprotected-accounts", "an-account", "status-update-in-a-step"],
)
def test_sec022_fault_at_the_wording(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = [(p.file, p.line) for p in check(load_catalog(data_copy), ["SEC022"])]
    assert found == [(f"data/{file}", line_of(data_copy / file, marker))]


@pytest.mark.parametrize(
    "text",
    [
        "Error rates are at 0.5% and falling since 10.30 UTC.",  # numbers with dots, no address
        "Some users cannot sign in; two-factor sign-in codes may arrive late.",
        "Hackathon features are paused.",
        "Updates every 30 minutes.",
    ],
)
def test_symptoms_are_not_disclosures(text):
    assert list(disclosed(text)) == []
