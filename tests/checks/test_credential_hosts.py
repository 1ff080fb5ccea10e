"""SEC025: a provider's secret (OPENAI_API_KEY) sent to a host its provider does not own is an error at the line that
names the host (the endpoint's path when the command quotes it, else the command's word); the real data and the near
misses pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.credential_hosts import owned, provider, sent_elsewhere
from playbook.data.load import load_catalog
from playbook.site.checking import check

AI = "scenarios/ai-service-down.yaml"
MODELS = "path: https://api.openai.com/v1/models,"
CALL = "curl -s -o /dev/null -w \"%{http_code}\\n\" {{ ep['openai-models'] }} \\"

# (file, old, new, marker: the finding's line holds it)
FAULTS = [
    # set 19 M23's kind: the provider's endpoint moved to a look-alike host
    ("catalog.yaml", MODELS, "path: https://api.openai-proxy.dev/v1/models,", "api.openai-proxy.dev"),
    ("catalog.yaml", MODELS, "path: https://llm-gateway.example.org/openai/v1/models,", "llm-gateway"),
    # the address written in the command itself
    (AI, CALL, 'curl -s -o /dev/null -w "%{http_code}\\n" https://relay.example.net/v1/models \\', "relay.example"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_secret_sent_elsewhere_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["SEC025"])
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker))], [
        p.format() for p in found
    ]


NEAR_MISSES = [
    ("catalog.yaml", MODELS, "path: https://eu.api.openai.com/v1/models,"),  # another host of the provider
    ("catalog.yaml", MODELS, "path: https://api.openai.com./v1/models,"),
    (AI, CALL, 'curl -s -o /dev/null -w "%{http_code}\\n" https://api.openai.com/v1/models \\'),
]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["SEC025"])] == []


def test_the_provider_is_the_first_word_of_a_secrets_name():
    assert provider("OPENAI_API_KEY") == "openai"
    assert provider("STRIPE_SECRET_KEY") == "stripe"
    assert provider("TOKEN") == "" and provider("API_KEY") == "" and provider("AUTH_SECRET") == ""
    argv = ["curl", "https://example.org/x", "-H", "Authorization: Bearer $TOKEN"]
    assert list(sent_elsewhere(argv, {"OPENAI_API_KEY": "openai"})) == []  # no provider's secret in the request


def test_the_real_data_passes(catalog):
    assert check(catalog, ["SEC025"]) == []


def test_a_providers_hosts_are_in_its_domain():
    assert owned("api.openai.com", "openai") and owned("s3.amazonaws.com", "aws")
    assert owned("api.example.co.uk", "example")
    assert not owned("api.openai-proxy.dev", "openai") and not owned("openai.example.net", "openai")
