"""The metrics bridge, over real HTTP on 127.0.0.1: the drill target's JSON becomes every series and label the
committed rules query (parsed with prometheus_client's own parser), and a failing upstream is a gauge, not a crash."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families

from conftest import ROOT
from playbook.alerts.bridge import serve
from playbook.drill import db as drill_db
from playbook.drill.faults import call
from playbook.drill.routes import DRILL_ACCOUNT
from playbook.drill.target import DrillTarget

RULES = ROOT / "alerts" / "playbook.rules.yml"
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def scrape(url: str) -> dict[str, list[tuple[dict, float]]]:
    """{sample name: [(labels, value)]}, parsed by prometheus_client.parser."""
    with _OPENER.open(url, timeout=10) as r:
        text = r.read().decode()
    out: dict[str, list] = {}
    for fam in text_string_to_metric_families(text):
        for s in fam.samples:
            out.setdefault(s.name, []).append((s.labels, s.value))
    return out


def queried() -> dict[str, set[str]]:
    """{series: label names it is matched on} of every committed rule, read with a regex of this test's own."""
    out: dict[str, set[str]] = {}
    for rule in yaml.safe_load(RULES.read_text(encoding="utf-8"))["groups"][0]["rules"]:
        for name, matchers in re.findall(r"([a-z_:][a-z0-9_:]*)(\{[^}]*\})?(?=\[|\s*==|\s*\))", rule["expr"]):
            if name not in ("sum", "rate", "vector", "or"):
                out.setdefault(name, set()).update(re.findall(r"(\w+)=", matchers))
    return out


@pytest.fixture
def target(catalog, tmp_path):
    db = tmp_path / "dev.db"
    drill_db.create(db, catalog.project.app_schema)
    with DrillTarget(catalog, db, tmp_path / "log.jsonl") as t:
        yield t


@pytest.fixture
def exporter(catalog, target):
    server, _ = serve(catalog, target.base_url, "127.0.0.1", 0)
    yield f"http://127.0.0.1:{server.server_address[1]}/metrics"
    server.shutdown()
    server.server_close()


def test_every_series_and_label_the_rules_query_is_exposed_with_the_targets_values(target, exporter):
    url, ep = target.base_url, target.ep
    call(url, ep["signin"], {"email": DRILL_ACCOUNT[0], "password": DRILL_ACCOUNT[1]}, ip="198.51.100.20")
    call(url, ep["signin"], {"email": "x@example.test", "password": "wrong"}, ip="198.51.100.21")
    call(url, ep["notes"], {"sessionId": "s1", "content": "n"}, token=True)
    drill_db.corrupt(target.db_path)
    assert call(url, ep["notes"], {"sessionId": "s2", "content": "n"}, token=True)[0] == 500  # a 5xx
    got = scrape(exporter)
    want = queried()
    assert {"http_errors_total", "health_readiness", "db_query_duration_milliseconds_sum"} <= set(want)
    for series, labels in want.items():
        assert series in got, f"{series} (queried by the rules) is not exposed; exposed: {sorted(got)}"
        assert any(labels <= set(lab) for lab, _ in got[series]), (series, labels, got[series])
    assert got["auth_signin_failure_total"] == [({}, 1.0)] and got["auth_signin_success_total"] == [({}, 1.0)]
    assert ({"endpoint": ep["notes"], "status_class": "5xx"}, 1.0) in got["http_errors_total"]
    assert ({"category": "write", "status": "200"}, 1.0) in got["http_requests_total"]
    assert got["health_readiness"] == [({}, 0.0)] and got["health_liveness"] == [({}, 1.0)]  # corrupt: not ready
    assert got["clinical_os_scrape_success"] == [({}, 1.0)]
    assert target.counters["auth.signin.failure"] == 1  # the JSON's total is the exposed value


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_app_is_a_gauge_and_one_stderr_line_per_scrape_never_a_crash():
    gone, listen = _free_port(), _free_port()  # nothing listens on `gone`
    argv = [sys.executable, "-m", "playbook.cli.main", "exporter", "--target", f"http://127.0.0.1:{gone}"]
    argv += ["--listen", f"127.0.0.1:{listen}"]
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline, got = time.monotonic() + 30, None
        while got is None and time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read()
            try:
                got = scrape(f"http://127.0.0.1:{listen}/metrics")
            except OSError:
                time.sleep(0.2)
        assert got is not None, "the exporter never answered"
        again = scrape(f"http://127.0.0.1:{listen}/metrics")
        for g in (got, again):
            assert g["clinical_os_scrape_success"] == [({}, 0.0)]
            assert g["health_readiness"] == [({}, 0.0)]
            assert "auth_signin_failure_total" not in g  # no stale value: nothing read, nothing shown
        assert proc.poll() is None  # still serving
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0
    lines = [ln for ln in err.splitlines() if f"127.0.0.1:{gone}/api/metrics" in ln]
    assert len(lines) == 2, err  # one per failed scrape
    assert "Traceback" not in err
