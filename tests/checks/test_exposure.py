"""SEC018, SEC019, SEC020: where a runnable block sends a credential (https with the certificate checked, the
secret's own host, no SSH agent lent to another host)."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.exposure import lends_agent
from playbook.data.load import load_catalog
from playbook.site.checking import check

AI_DOWN = "scenarios/ai-service-down.yaml"
DB_DOWN = "scenarios/database-down.yaml"
DISABLE = "procedures/disable-ai.yaml"


def found(data_copy, rule: str) -> list[tuple[str, int]]:
    return [(p.file, p.line) for p in check(load_catalog(data_copy), [rule])]


@pytest.mark.parametrize("rule", ["SEC018", "SEC019", "SEC020"])
def test_real_data_passes(catalog, rule):
    assert check(catalog, [rule]) == []


def test_sec018_base_url_default_in_clear_is_reported_at_the_default(data_copy):
    """Every request sends $TOKEN to $BASE_URL: a plain http default sends it in clear, and the default is fixed."""
    edit(data_copy / "meta.yaml", "default: https://app.dramal.com", "default: http://app.dramal.com")
    assert found(data_copy, "SEC018") == [("data/meta.yaml", line_of(data_copy / "meta.yaml", "http://app.dramal"))]


def test_sec018_external_endpoint_in_clear_is_reported_at_the_endpoint(data_copy):
    edit(data_copy / "catalog.yaml", "path: https://api.openai.com/", "path: http://api.openai.com/")
    assert found(data_copy, "SEC018") == [("data/catalog.yaml", line_of(data_copy / "catalog.yaml", "http://api."))]


def test_sec018_certificate_check_off_is_reported_at_the_credential(data_copy):
    edit(data_copy / AI_DOWN, "curl -s -o /dev/null", "curl -sk -o /dev/null")
    line = line_of(data_copy / AI_DOWN, "Bearer $OPENAI_API_KEY")
    assert found(data_copy, "SEC018") == [(f"data/{AI_DOWN}", line)]


def test_sec018_a_literal_address_in_the_command_is_reported_at_the_request(data_copy):
    edit(data_copy / AI_DOWN, "{{ ep['openai-models'] }}", "http://llm.internal.example/v1/models")
    line = line_of(data_copy / AI_DOWN, "Bearer $OPENAI_API_KEY")
    assert found(data_copy, "SEC018") == [(f"data/{AI_DOWN}", line)]


def test_sec018_near_misses_pass(data_copy):
    """http to this machine carries nothing across the network; a request without a credential sends none."""
    edit(data_copy / AI_DOWN, "{{ ep['openai-models'] }}", "http://localhost:8080/v1/models")
    status = "curl -sk http://status.example.net/api/v2/status.json\n          # If using external AI service"
    edit(data_copy / AI_DOWN, "# If using external AI service", status)
    assert found(data_copy, "SEC018") == []


def test_sec019_app_token_sent_to_the_provider(data_copy):
    """$TOKEN goes to the app's host everywhere else: sent to the provider it is reported where it is written."""
    edit(data_copy / AI_DOWN, "Bearer $OPENAI_API_KEY", "Bearer ${TOKEN}")
    assert found(data_copy, "SEC019") == [(f"data/{AI_DOWN}", line_of(data_copy / AI_DOWN, "Bearer ${TOKEN}"))]


def test_sec019_each_secret_to_its_own_host_passes(data_copy):
    """A secret sent as often to one host as to another has no home the data shows: nothing to report."""
    key = '-H "Authorization: Bearer $OPENAI_API_KEY"'
    twice = key + '\n          curl -s https://llm.example.net/v1/models -H "X-Api-Key: $OPENAI_API_KEY"'
    edit(data_copy / AI_DOWN, key, twice)
    assert found(data_copy, "SEC019") == []


@pytest.mark.parametrize(
    ("code", "marker"),
    [
        ("ssh -A -t bastion.dramal.com ssh -t db1 sudo systemctl restart postgresql", "ssh -A -t bastion"),
        ("ssh -tA bastion.dramal.com sudo systemctl restart postgresql", "ssh -tA"),
        ("ssh -o ForwardAgent=yes bastion.dramal.com sudo systemctl restart postgresql", "ForwardAgent"),
        ("ssh -t bastion.dramal.com ssh -A db1 sudo systemctl restart postgresql", "ssh -t bastion"),
    ],
    ids=["dash-A", "in-a-cluster", "option", "on-the-bastion"],
)
def test_sec020_agent_forwarding_reported(data_copy, code, marker):
    edit(data_copy / DB_DOWN, "sudo systemctl restart postgresql", code)
    assert found(data_copy, "SEC020") == [(f"data/{DB_DOWN}", line_of(data_copy / DB_DOWN, marker))]


def test_sec020_proxy_jump_passes(data_copy):
    edit(data_copy / DB_DOWN, "sudo systemctl restart postgresql", "ssh -J bastion.dramal.com -t db1 sudo systemctl x")
    assert found(data_copy, "SEC020") == []


@pytest.mark.parametrize(
    ("argv", "lent"),
    [
        (["ssh", "-p", "22", "-A", "h"], "-A"),
        (["ssh", "-i", "-A", "h"], ""),  # -A is -i's value (a key file so named)
        (["ssh", "-o", "ForwardAgent=no", "h"], ""),
        (["ssh", "-oGSSAPIDelegateCredentials=yes", "h"], "-o GSSAPIDelegateCredentials=yes"),
        (["ssh", "-a", "h", "ls", "-A"], ""),  # the remote ls's -A
        (["scp", "-A", "f", "h:f"], "-A"),
    ],
)
def test_lends_agent(argv, lent):
    assert lends_agent(argv) == lent
