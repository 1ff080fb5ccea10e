"""`playbook serve` as an editor uses it: pages requested while the data breaks and is fixed, and a clean stop."""

from __future__ import annotations

import html
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_project, edit
from playbook.adapters.mkdocs.serve import serve
from playbook.adapters.mkdocs.serve_http import BANNER_ID, Failure, View, decorate
from playbook.project import at

ANSWER = 5.0  # seconds: the longest any request may take, during a rebuild or after a failed one
TITLE = "Clinical OS Operational Playbook"  # on every page of the site
_BANNER = re.compile(rf'<div id="{BANNER_ID}".*?<pre[^>]*>(.*?)</pre></div>\n', re.S)
_RELOAD = re.compile(r"<script>/\* playbook serve: reload.*?</script>\n", re.S)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _line_of(path: Path, text: str) -> int:
    content = path.read_text(encoding="utf-8")
    assert text in content, text
    return content[: content.index(text)].count("\n") + 1


def findings(page: str) -> list[str]:
    """The lines of the failure banner, as the terminal printed them (the page escapes them)."""
    m = _BANNER.search(page)
    return html.unescape(m.group(1)).splitlines() if m else []


def undecorated(page: str) -> str:
    return _RELOAD.sub("", _BANNER.sub("", page))


class Served:
    """A `playbook serve` subprocess on a copy of the project, its terminal captured in a file."""

    def __init__(self, project: Path, log: Path):
        self.project, self.log = project, log
        self.url = f"http://127.0.0.1:{_free_port()}"
        self._out = log.open("w", encoding="utf-8")
        argv = [sys.executable, "-m", "playbook.cli.main", "--project", str(project), "serve"]
        self.proc = subprocess.Popen(
            [*argv, "--addr", self.url.removeprefix("http://")],
            stdout=self._out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def get(self, path: str = "/") -> tuple[int, str]:
        """(status, body) of GET `path`, which must answer within ANSWER seconds."""
        start = time.monotonic()
        try:
            with urllib.request.urlopen(self.url + path, timeout=ANSWER) as r:
                status, body = r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            status, body = e.code, e.read().decode("utf-8")
        took = time.monotonic() - start
        assert took < ANSWER, f"GET {path} took {took:.1f} s\n{self.output()}"
        return status, body

    def wait_for(self, what: str, ok, path: str = "/", limit: float = 40) -> tuple[int, str]:
        """Request `path` until `ok(status, body)`; each request answers at once, whatever the server is doing."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"playbook serve exited\n{self.output()}"
            try:
                status, body = self.get(path)
            except urllib.error.URLError as e:  # only before the server listens
                assert isinstance(e.reason, ConnectionRefusedError), e
                time.sleep(0.1)
                continue
            if ok(status, body):
                return status, body
            time.sleep(0.2)
        pytest.fail(f"{what}: not seen in {limit} s\n{self.output()}")

    def stop(self) -> int:
        """Stop it as a service manager does (SIGTERM; killed after 10 s); its exit status."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._out.close()
        return self.proc.returncode


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def start(project, tmp_path):
    """start() runs `playbook serve` on the copy; every server started is stopped, even when the test fails."""
    started: list[Served] = []

    def run() -> Served:
        served = Served(project, tmp_path / f"serve-{len(started)}.log")
        started.append(served)
        return served

    yield run
    stopped = [served.stop() for served in started]
    assert stopped == [0] * len(started), "SIGTERM is a clean stop (exit 0)"


@pytest.fixture
def served(start) -> Served:
    s = start()
    s.wait_for("the first build", lambda status, _: status == 200)
    return s


def _located(served: Served, page: str, where: str, rule: str) -> str:
    """The finding at `where` (file:line:) for `rule`, in the page's banner and the terminal alike."""
    shown = [f for f in findings(page) if f.startswith(where) and f": error: {rule} " in f]
    assert shown, (where, rule, findings(page))
    assert shown[0] in served.output().splitlines(), served.output()
    return shown[0]


def test_an_unknown_severity_is_shown_on_the_last_good_pages_and_in_the_terminal_until_fixed(served):
    _, before = served.get("/scenarios/database-down.html")
    scenario = served.project / "data" / "scenarios" / "database-down.yaml"
    good = scenario.read_text(encoding="utf-8")
    line = _line_of(scenario, "severity: SEV-1")
    edit(scenario, "severity: SEV-1", "severity: SEV-7")

    status, home = served.wait_for("LOAD005 on the home page", lambda _, body: "LOAD005" in body)
    where = f"data/scenarios/database-down.yaml:{line}:"
    assert status == 200 and TITLE in home  # the last good site, under the banner
    assert "'SEV-7'" in _located(served, home, where, "LOAD005")
    status, page = served.get("/scenarios/database-down.html")
    assert status == 200 and findings(page) == findings(home)
    assert undecorated(page) == undecorated(before)  # the page as last built, not a half-built one

    scenario.write_text(good, encoding="utf-8")
    status, home = served.wait_for("the site without the banner", lambda _, body: BANNER_ID not in body)
    assert status == 200 and TITLE in home and "LOAD005" not in home
    assert "the findings are fixed" in served.output()


def test_a_check_of_build_fails_serve_too_alerts_without_the_scenario_alert(served):
    alerts = served.project / "data" / "alerts.yaml"
    good = alerts.read_text(encoding="utf-8")
    ai_alert = good[good.index("  - title: AI Service Down\n") : good.index("  - title: Database Not Ready\n")]
    line = _line_of(served.project / "data" / "scenarios" / "ai-service-down.yaml", "found_by: alert")
    edit(alerts, ai_alert, "")

    path = "/scenarios/ai-service-down.html"
    status, page = served.wait_for("ALR003 on the scenario page", lambda _, body: "ALR003" in body, path)
    assert status == 200 and TITLE in page
    _located(served, page, f"data/scenarios/ai-service-down.yaml:{line}:", "ALR003")
    assert "playbook serve: the data is invalid (1 problem(s))" in served.output()

    alerts.write_text(good, encoding="utf-8")
    status, page = served.wait_for("the page without the banner", lambda _, body: BANNER_ID not in body, path)
    assert status == 200 and "ALR003" not in page


def test_started_on_bad_data_it_answers_with_the_findings_then_serves_once_fixed(project, start):
    scenario = project / "data" / "scenarios" / "database-down.yaml"
    line = _line_of(scenario, "severity: SEV-1")
    edit(scenario, "severity: SEV-1", "severity: SEV-7")
    served = start()

    status, page = served.wait_for("the findings", lambda _, body: "LOAD005" in body, "/severities.html")
    assert status == 503 and TITLE not in page  # nothing was ever built: the findings alone
    _located(served, page, f"data/scenarios/database-down.yaml:{line}:", "LOAD005")

    edit(scenario, "severity: SEV-7", "severity: SEV-1")
    status, page = served.wait_for("the site", lambda status, _: status == 200, "/severities.html")
    assert TITLE in page and BANNER_ID not in page
    assert "Traceback" not in served.output()


def _mkdocs_children(pid: int) -> list[int]:
    """The `mkdocs` processes `pid` started (Linux: /proc/PID/task/*/children)."""
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            kids = [int(k) for k in (task / "children").read_text().split()]
            out += [k for k in kids if b"mkdocs" in Path(f"/proc/{k}/cmdline").read_bytes()]
        except OSError:  # a thread or a process that ended meanwhile
            continue
    return out


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_it_stops_cleanly_even_mid_build(start, sig):
    served = start()  # the first build starts at once
    deadline, kids = time.monotonic() + 20, []
    while not kids and time.monotonic() < deadline:
        kids = _mkdocs_children(served.proc.pid)
        time.sleep(0.05)
    assert kids, f"no build started\n{served.output()}"
    status, page = served.get("/")  # during the build: at once
    assert status == 503 and "building the site" in page
    argv = Path(f"/proc/{kids[0]}/cmdline").read_bytes().decode().split("\0")
    work = Path(argv[argv.index("--site-dir") + 1]).parent  # serve's folder: <work>/.site-* becomes <work>/site-N

    served.proc.send_signal(sig)
    assert served.proc.wait(timeout=10) == 0
    out = served.output()
    assert out.endswith("playbook serve: stopped\n") and "Traceback" not in out
    assert not work.exists() and not any(Path(f"/proc/{k}").exists() for k in kids)
    with pytest.raises(urllib.error.URLError):
        served.get("/")


def test_every_finding_is_escaped_in_the_banner():
    failure = Failure(
        "the data is invalid (1 problem(s))", ('data/x.yaml:1:1: error: X <script>alert("&")</script>',), "t"
    )
    page = decorate('<html><body class="a"><p>page</p></body></html>', View(Path("."), "t0", failure, 3))
    assert "<script>alert" not in page and "&lt;script&gt;alert(" in page
    assert page.startswith(f'<html><body class="a"><div id="{BANNER_ID}"')
    assert findings(page) == list(failure.lines)
    assert "var seen = 3;" in page and page.endswith("</script>\n</body></html>")
    assert BANNER_ID not in decorate("<body></body>", View(Path("."), "t0", None, 1))


def test_an_address_in_use_is_one_line(tmp_path, project, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert serve(at(project), f"127.0.0.1:{port}") == 1
    assert capsys.readouterr().err == f"playbook serve: cannot listen on 127.0.0.1:{port}: Address already in use\n"


def test_a_malformed_address_is_one_line(project):
    argv = [sys.executable, "-m", "playbook.cli.main", "--project", str(project), "serve", "--addr", "8000"]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert "'8000' is not HOST:PORT" in proc.stderr
