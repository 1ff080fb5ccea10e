"""The real Prometheus and Alertmanager of the alert drills, on 127.0.0.1, and the webhooks that stand in for
Slack and e-mail: started once, given the drills' rules and router, stopped (killed if need be) on exit."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

PROMETHEUS = "prometheus"  # Debian's prometheus package
ALERTMANAGER = "prometheus-alertmanager"  # Debian's name of the alertmanager binary
INTERVAL = "1s"  # scrape and rule evaluation, as the alert drills state
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def binary(name: str) -> str:
    path = shutil.which(name) or shutil.which(name, path="/usr/bin:/usr/sbin")
    if not path:
        raise RuntimeError(f"{name} is not installed: bash scripts/setup --test (Debian packages prometheus, "
                           "prometheus-alertmanager)")  # fmt: skip
    return path


def get_json(url: str, timeout: float = 2) -> dict:
    with _OPENER.open(url, timeout=timeout) as r:
        return json.loads(r.read())


@dataclass(frozen=True)
class Notification:
    """One alert of one webhook call: who received it, in which state, when (time.monotonic())."""

    at: float
    receiver: str
    status: str  # firing or resolved
    labels: dict
    annotations: dict


@dataclass
class Hooks:
    """The receivers' webhooks: every notification Alertmanager sends, one record per alert in it."""

    received: list[Notification] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    def start(self) -> str:
        hooks = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                name = urllib.parse.unquote(self.path.strip("/"))
                now = time.monotonic()
                with hooks.lock:
                    for a in body.get("alerts", []):
                        hooks.received.append(Notification(now, name, a["status"], a["labels"], a["annotations"]))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, name="drill-webhooks", daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def where(self, **labels: str) -> list[Notification]:
        with self.lock:
            return [n for n in self.received if all(n.labels.get(k) == v for k, v in labels.items())]


class Stack:
    """Alertmanager, then Prometheus scraping `targets` ({drill label: host:port}) with `rules` (a rule file's
    text); `router(hook_url)` gives the Alertmanager config with its receivers pointed at the webhooks."""

    def __init__(self, tmp: Path, rules: str, router, targets: dict[str, str]):
        self.tmp, self.rules, self.router, self.targets = tmp, rules, router, targets
        self.hooks = Hooks()
        self.procs: list[subprocess.Popen] = []
        self.prometheus = self.alertmanager = ""

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def _spawn(self, name: str, args: list[str]) -> None:
        log = (self.tmp / f"{name}.log").open("wb")
        self.procs.append(subprocess.Popen([binary(name), *args], stdout=log, stderr=log, stdin=subprocess.DEVNULL))
        log.close()

    def _ready(self, url: str, name: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(p.poll() is not None for p in self.procs):
                log = (self.tmp / f"{name}.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{name} stopped while starting:\n{log}")
            try:
                with _OPENER.open(url, timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{name} did not answer {url} within {timeout:.0f}s")

    def start(self) -> None:
        hook_url = self.hooks.start()
        am_port, prom_port = free_port(), free_port()
        (self.tmp / "alertmanager.yml").write_text(yaml.safe_dump(self.router(hook_url), sort_keys=False))
        (self.tmp / "am-data").mkdir()
        self._spawn(ALERTMANAGER, [
            f"--config.file={self.tmp / 'alertmanager.yml'}", f"--storage.path={self.tmp / 'am-data'}",
            f"--web.listen-address=127.0.0.1:{am_port}", "--cluster.listen-address=",
        ])  # fmt: skip
        self.alertmanager = f"http://127.0.0.1:{am_port}"
        (self.tmp / "rules.yml").write_text(self.rules)
        config = {
            "global": {"scrape_interval": INTERVAL, "scrape_timeout": INTERVAL, "evaluation_interval": INTERVAL},
            "rule_files": [str(self.tmp / "rules.yml")],
            "alerting": {"alertmanagers": [{"static_configs": [{"targets": [f"127.0.0.1:{am_port}"]}]}]},
            "scrape_configs": [
                {"job_name": f"clinical-os-{name}", "static_configs": [{"targets": [addr], "labels": {"drill": name}}]}
                for name, addr in self.targets.items()
            ],
        }
        (self.tmp / "prometheus.yml").write_text(yaml.safe_dump(config, sort_keys=False))
        self._spawn(PROMETHEUS, [
            f"--config.file={self.tmp / 'prometheus.yml'}", f"--storage.tsdb.path={self.tmp / 'tsdb'}",
            f"--web.listen-address=127.0.0.1:{prom_port}", "--rules.alert.resend-delay=1s",
        ])  # fmt: skip
        self.prometheus = f"http://127.0.0.1:{prom_port}"
        self._ready(self.alertmanager + "/-/ready", ALERTMANAGER)
        self._ready(self.prometheus + "/-/ready", PROMETHEUS)

    def stop(self) -> None:
        for p in self.procs:
            if p.poll() is None:
                p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        self.procs = []
        self.hooks.stop()

    def query(self, promql: str) -> list[dict]:
        """The instant vector of `promql` now (Prometheus's HTTP API)."""
        url = self.prometheus + "/api/v1/query?" + urllib.parse.urlencode({"query": promql})
        return get_json(url)["data"]["result"]
