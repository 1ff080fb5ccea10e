"""The generated Alertmanager config, proven with the real router: amtool for every routing case, Alertmanager itself
for business hours; `playbook who` and the router answer from one set of cases."""

from __future__ import annotations

import http.server
import json
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from conftest import ROOT
from playbook.alerts import alertmanager as am
from playbook.data.durations import parse_duration
from playbook.incident.bizdays import in_business_hours
from playbook.incident.routes import route

CONFIG = ROOT / "alerts" / "alertmanager.yml"


def tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: run scripts/setup --test (Debian package prometheus-alertmanager)"
    return path


def routes_test(labels: dict[str, str], expect: list[str], config: Path = CONFIG) -> subprocess.CompletedProcess:
    cmd = [
        tool("amtool"),
        "config",
        "routes",
        "test",
        f"--config.file={config}",
        f"--verify.receivers={','.join(expect)}",
    ]
    return subprocess.run(cmd + [f"{k}={v}" for k, v in labels.items()], capture_output=True, text=True, check=False)


def expected(cat, sev: str, incident_type: str | None) -> list[str]:
    """The receivers an alert must reach: who `playbook who` names at declaration, or the ticket queue."""
    return [c.party for c in route(cat, sev, timedelta(0), incident_type)] or [cat.alerts.router.ticket_receiver]


def test_committed_config_passes_amtool_check_config():
    proc = subprocess.run([tool("amtool"), "check-config", str(CONFIG)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "SUCCESS" in proc.stdout


def router_cases(cat) -> list:
    """The route cases of data/routes.yaml that a router can answer: no one joins by time or acknowledgement."""
    out = []
    for case in cat.routes.tests:
        now = route(cat, case.severity, parse_duration(case.elapsed), case.type, case.acknowledged)
        if [c.party for c in now] == [c.party for c in route(cat, case.severity, timedelta(0), case.type)]:
            out.append(case)
    return out


def test_every_route_case_a_router_can_answer_is_verified_by_amtool(catalog):
    cases = router_cases(catalog)
    assert len(cases) >= 5, "most route cases describe the moment of declaration"
    for case in cases:
        labels = {"severity": case.severity, **({"incident_type": case.type} if case.type else {})}
        want = list(case.expect) or [catalog.alerts.router.ticket_receiver]
        assert want == expected(catalog, case.severity, case.type)  # the data's answer is who's answer
        proc = routes_test(labels, want)
        assert proc.returncode == 0, f"{case}: {proc.stdout}{proc.stderr}"


def test_every_generated_alert_reaches_who_playbook_who_names(catalog):
    rules = yaml.safe_load((ROOT / "alerts" / "playbook.rules.yml").read_text(encoding="utf-8"))
    alerts = [r for g in rules["groups"] for r in g["rules"]]
    assert alerts
    for rule in alerts:
        labels = rule["labels"]
        proc = routes_test(labels, expected(catalog, labels["severity"], labels["incident_type"]))
        assert proc.returncode == 0, f"{rule['alert']}: {proc.stdout}{proc.stderr}"


def test_a_wrong_expectation_fails(catalog):
    proc = routes_test({"severity": "SEV-1"}, ["oncall-primary"])  # the manager is paged too
    assert proc.returncode != 0
    assert routes_test({"severity": "SEV-4"}, [catalog.alerts.router.ticket_receiver]).returncode == 0


def test_unconfigured_receivers_are_marked_and_notify_nobody(catalog):
    text = CONFIG.read_text(encoding="utf-8")
    cfg = yaml.safe_load(text)
    by_name = {r["name"]: r for r in cfg["receivers"]}
    missing = am.unconfigured(catalog)
    assert "database-team" in missing  # its channel is TBD in contacts.yaml
    for party in missing:
        assert set(by_name[party]) == {"name"}
        assert f"# UNCONFIGURED: {catalog.party_name(party)} " in text
    assert by_name["oncall-primary"]["slack_configs"][0]["channel"] == "@oncall-primary"
    assert "hooks.slack.com" not in text and "password:" not in text  # secrets stay files on the host


def test_business_hours_are_the_data_and_mute_sev3_only(catalog):
    cfg = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    (interval,) = cfg["time_intervals"]
    bh = catalog.oncall.business_hours
    assert interval["time_intervals"] == [
        {"weekdays": bh.weekdays, "times": [{"start_time": bh.start, "end_time": bh.end}], "location": bh.timezone}
    ]
    for node in cfg["route"]["routes"]:
        active = {tuple(c.get("active_time_intervals", [])) for c in node.get("routes", [])}
        if node["matchers"] == ['severity="SEV-3"']:
            assert active == {(am.BUSINESS_HOURS,)}
        else:
            assert active <= {()}
    saturday, monday = datetime(2026, 1, 17, 12, 0, tzinfo=UTC), datetime(2026, 1, 19, 10, 0, tzinfo=UTC)
    assert not in_business_hours(bh, saturday) and in_business_hours(bh, monday)


class _Hooks(http.server.BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):  # noqa: N802 - http.server's name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.received.append({"receiver": body["receiver"], "labels": body["commonLabels"]})
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _notified(catalog, tmp_path: Path, window: tuple[str, str]) -> list[dict]:
    """Run the real Alertmanager on 127.0.0.1 with the generated routes, receivers turned into local webhooks and
    business hours set to `window` (today, in UTC); post a SEV-3 and a SEV-2 alert; return the notifications."""
    hooks = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hooks)
    threading.Thread(target=hooks.serve_forever, daemon=True).start()
    _Hooks.received = []
    cfg = am.config(catalog)
    cfg.pop("global")
    url = f"http://127.0.0.1:{hooks.server_address[1]}/"
    cfg["receivers"] = [{"name": r["name"], "webhook_configs": [{"url": url}]} for r in cfg["receivers"]]
    cfg["route"] |= {"group_wait": "0s", "group_interval": "1s"}
    days = [{"times": [{"start_time": window[0], "end_time": window[1]}], "location": "UTC"}]
    cfg["time_intervals"] = [{"name": am.BUSINESS_HOURS, "time_intervals": days}]
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "am.yml").write_text(yaml.safe_dump(cfg))
    port = _port()
    cmd = [tool("prometheus-alertmanager"), f"--config.file={tmp_path / 'am.yml'}", f"--storage.path={tmp_path}"]
    cmd += [f"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address="]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/api/v2/"
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        for _ in range(100):  # up to 10 s for the router to start
            try:
                with opener.open(base + "status", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        alerts = [
            {"labels": {"alertname": f"Drill{sev}", "severity": sev, "scenario": f"s{sev}", "team": "backend-team"}}
            for sev in ("SEV-3", "SEV-2")
        ]
        req = urllib.request.Request(base + "alerts", json.dumps(alerts).encode(), {"Content-Type": "application/json"})
        with opener.open(req, timeout=5):
            pass
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline and not any(n["labels"]["severity"] == "SEV-2" for n in _Hooks.received):
            time.sleep(0.2)
        time.sleep(1.5)  # a SEV-3 notification, if any, would come in the same flush
        return list(_Hooks.received)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        hooks.shutdown()
        hooks.server_close()


def test_alertmanager_mutes_sev3_outside_business_hours_and_not_inside(catalog, tmp_path):
    """The router's own clock is now: "outside" is a half hour two hours away, "inside" the whole day."""
    h = datetime.now(UTC).hour
    outside = _notified(catalog, tmp_path / "out", (f"{(h + 2) % 24:02d}:00", f"{(h + 2) % 24:02d}:30"))
    inside = _notified(catalog, tmp_path / "in", ("00:00", "24:00"))
    sev = lambda ns: {n["labels"]["severity"] for n in ns}  # noqa: E731
    assert sev(outside) == {"SEV-2"}, outside  # SEV-3 held back; SEV-2 pages at any hour
    assert sev(inside) == {"SEV-2", "SEV-3"}, inside
    assert {n["receiver"] for n in inside if n["labels"]["severity"] == "SEV-3"} == {"oncall-primary"}


def test_a_slack_message_shows_data_as_text(catalog):
    """Slack reads `<…>` as a link or a mention (`<!channel>`): the generated templates escape the annotations
    (data) as Slack wants, `&`, `<` and `>` as entities; amtool renders the very template the config holds."""
    receivers = yaml.safe_load(am.config_text(catalog))["receivers"]
    slack = next(r["slack_configs"][0] for r in receivers if "slack_configs" in r)
    hostile = '"<!channel> R&D <http://x.test|y>"'
    for field, template in (("summary", slack["title"]), ("description", slack["text"])):
        probe = template.replace(f".CommonAnnotations.{field}", hostile)
        assert probe != template
        proc = subprocess.run(
            [tool("amtool"), "template", "render", "--template.glob=/dev/null", f"--template.text={probe}"],
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
        )
        assert proc.returncode == 0, proc.stderr
        assert "&lt;!channel&gt; R&amp;D &lt;http://x.test|y&gt;" in proc.stdout, proc.stdout


def test_a_name_in_a_comment_stays_on_its_line(data_copy):
    """A party's name with a line break would end the UNCONFIGURED comment and write YAML of its own."""
    from conftest import edit
    from playbook.data.load import load_catalog

    edit(data_copy / "contacts.yaml", "name: Database Team,", 'name: "Database Team\\nroute: {receiver: x}",')
    text = am.config_text(load_catalog(data_copy))
    assert yaml.safe_load(text).keys() == yaml.safe_load(CONFIG.read_text(encoding="utf-8")).keys()
    assert "# UNCONFIGURED: Database Team route: {receiver: x} has no Slack" in text
