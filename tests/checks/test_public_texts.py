"""SEC022: the wording given for the public status page names the symptom, not what only responders may know."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.public_texts import disclosed, public_texts, shared_secrets
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


ROLLBACK = "procedures/rollback.yaml"
RETRY = "stop it, the app first, then retry this part."
REENABLE = "follow [Re-enable AI](disable-ai.md#re-enable-ai)."
FOLLOW = "follow [Re-enable AI](disable-ai.md#re-enable-ai)"


@pytest.mark.parametrize(
    ("old", "new", "marker"),
    [
        (RETRY, "stop it; the DBA posts the root passphrase in #incidents if sudo wants it.", "DBA posts"),
        (REENABLE, FOLLOW + ", then push `config/.env.local` to main.", "push"),
        (REENABLE, FOLLOW + " and attach the app's .env to the ticket.", "attach"),
    ],
    ids=["passphrase-in-a-channel", "pushed-env-file", "attached-env-file"],
)
def test_sec022_shared_secrets_at_the_text(data_copy, old, new, marker):
    edit(data_copy / ROLLBACK, old, new)
    found = [(p.file, p.line) for p in check(load_catalog(data_copy), ["SEC022"])]
    assert found == [(f"data/{ROLLBACK}", line_of(data_copy / ROLLBACK, marker))]


@pytest.mark.parametrize(
    "text",
    [
        "Never paste a token in #on-call.",  # a warning, not an instruction
        "Ask in #on-call who can open the password manager entry.",  # where it is kept
        "Post the restore's result in #incidents.",  # no credential
        "Commit `.env.example` with the new variable's name.",  # a template of one, no secret
        "Edit .env.production on the host, then restart the app.",  # kept, not shared
    ],
)
def test_near_misses_share_no_secret(text):
    assert list(shared_secrets(text, ["#on-call", "#incidents"])) == []


@pytest.mark.parametrize(
    ("new", "marker"),
    [
        ("Backend alerts; Slack Connect with the hosting vendor so they see them", "Backend alerts; Slack"),
        ("Backend alerts, open to the whole workspace", "open to the whole"),
    ],
    ids=["slack-connect", "whole-workspace"],
)
def test_sec022_channel_opened_to_outsiders(data_copy, new, marker):
    edit(data_copy / "oncall.yaml", "purpose: Backend alerts}", f'purpose: "{new}"}}')
    found = [(p.file, p.line) for p in check(load_catalog(data_copy), ["SEC022"])]
    assert found == [("data/oncall.yaml", line_of(data_copy / "oncall.yaml", marker))]


def test_sec022_private_channel_passes(data_copy):
    edit(data_copy / "oncall.yaml", "purpose: Backend alerts}", 'purpose: "Backend alerts; private, no guests"}')
    assert check(load_catalog(data_copy), ["SEC022"]) == []
