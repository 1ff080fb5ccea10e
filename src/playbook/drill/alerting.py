"""End-to-end alert drills: a fault fires its alert in a real Prometheus, the real Alertmanager pages exactly who
`playbook who` names, the runbook's fix resolves it; a healthy stand-in under the same traffic pages nobody.

Every run (one per scenario drill that an alert detects, and the healthy one) has its own stand-in, exporter and
traffic, and all run at once against one Prometheus and one Alertmanager (drill/alert_config.py keeps them
apart). A run: users' traffic until Prometheus has rates, the fault (drill/faults.py, as `playbook drill`
injects it) and its actors, the alert awaited, the runbook walked as `playbook drill` walks it (drill/run.py),
the drill's `fix:` applied, the resolved notifications awaited. All times are shortened by one factor.
"""

from __future__ import annotations

import io
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from playbook.alerts.bridge import Bridge
from playbook.alerts.prometheus import resolve
from playbook.alerts.promql import shorter
from playbook.drill import db as drill_db
from playbook.drill import faults as drill_faults
from playbook.drill.alert_config import LABEL, drill_router, drill_rules
from playbook.drill.alert_outcome import HEALTHY, AlertDrills, Run, outcome, runs_of
from playbook.drill.run import drill
from playbook.drill.stack import Stack
from playbook.drill.target import DrillTarget
from playbook.drill.traffic import Traffic

# for: 10m becomes 10 s, a 5m rate window 5 s, group_wait 30s 0.5 s. A window holds five of the 1 s scrapes
# (drill/stack.py): at 120 it held two or three, and on a loaded machine the slow-queries scrape (its readiness
# probe waits out the fault's delay, 520 ms, against a 1 s scrape timeout) timed out now and then; a window left
# with one sample has no rate, the alert's `for:` started over, and stop 39's CI waited 40 s for it in vain.
TIME_FACTOR = 60
WAIT_FIRING_S = 60  # the longest a run waits for its alerts to page (real seconds)
WAIT_RESOLVED_S = 30  # and for them to resolve once the runbook is walked


class Attachable:
    """A collector that exposes nothing until a stand-in is attached, and nothing once it is detached: a run's
    series exist only while its stand-in serves (a stopped one would read as not ready)."""

    def __init__(self, bridge: Bridge):
        self.bridge, self.attached = bridge, False

    def collect(self):
        if self.attached:
            yield from self.bridge.collect()


def _exporter(cat) -> tuple[Attachable, object]:
    from prometheus_client import CollectorRegistry, start_http_server

    exposed = Attachable(Bridge(cat, "http://127.0.0.1:9", log=io.StringIO()))
    registry = CollectorRegistry(auto_describe=False)
    registry.register(exposed)
    server, _ = start_http_server(0, addr="127.0.0.1", registry=registry)
    return exposed, server


class AlertHooks:
    """What a run adds to `playbook drill`'s steps (drill/run.py calls it): traffic, waits, the fix."""

    def __init__(self, run: Run, stack: Stack, exposed: Attachable, factor: float, spec, window: str):
        self.run, self.stack, self.exposed, self.time_factor, self.spec = run, stack, exposed, factor, spec
        self.window = window
        self.traffic: Traffic | None = None
        self.paused = False  # the traffic, while the runbook is walked
        self.injected_at = self.fixed_at = None
        self.problems: list[str] = []
        self.fix = ""  # what the drill's `fix:` did

    def _attach(self, target) -> None:
        self.exposed.bridge.target = target.base_url
        self.exposed.attached = True
        self.traffic = Traffic(target).start()
        wait_for_rates(self.stack, self.run.name, self.window)

    def inject(self, target, fault, backup, fields) -> None:
        self._attach(target)
        with self.traffic.paused():
            drill_faults.inject(target, fault, backup)
        self.injected_at = time.monotonic()
        self.traffic.fault(fault)
        names = {a.name for a in self.run.required}
        if not _wait(lambda: names <= _paged(self.stack, self.run.name, "firing"), WAIT_FIRING_S):
            self.problems.append(f"waited {WAIT_FIRING_S}s for {', '.join(sorted(names))} to page")
        # The runbook is walked with the users' traffic paused, as `playbook drill` walks it: the stand-in is one
        # SQLite file, and a step's sqlite3 (no busy timeout) met "database is locked" under a concurrent write.
        # Its rate-limit windows are the data's meanwhile: auth step 5's ten sign-ins straddled a 0.5 s window
        # on a loaded machine, and the limit seemed to let more through.
        self._pause(True)
        target.window_factor = 1

    def _pause(self, on: bool) -> None:
        if self.traffic and on != self.paused:
            (self.traffic.go.acquire if on else self.traffic.go.release)()
            self.paused = on

    def walked(self, target, fields) -> None:
        target.window_factor = self.time_factor
        self._pause(False)  # the users are back: the rates the alerts resolve on
        if self.spec.fix:
            self.fix = drill_faults.apply(target, self.spec.fix, fields)
        self.fixed_at = time.monotonic()
        fired = _paged(self.stack, self.run.name, "firing")
        if not _wait(lambda: fired <= _paged(self.stack, self.run.name, "resolved"), WAIT_RESOLVED_S):
            self.problems.append(f"waited {WAIT_RESOLVED_S}s for {', '.join(sorted(fired))} to resolve")
        self.finish()

    def finish(self) -> None:
        self._pause(False)
        if self.traffic:
            self.traffic.stop()
        self.exposed.attached = False


def _wait(ready, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return True
        time.sleep(0.2)
    return ready()


def _paged(stack: Stack, run: str, status: str) -> set[str]:
    return {n.labels.get("alertname", "") for n in stack.hooks.where(**{LABEL: run}) if n.status == status}


def wait_for_rates(stack: Stack, run: str, window: str, timeout: float = 20) -> None:
    """Until Prometheus has a request rate for the run (two scrapes inside the shortened window)."""
    query = f'sum(rate(http_requests_total{{{LABEL}="{run}"}}[{window}]))'
    _wait(lambda: bool(stack.query(query)), timeout)


def _healthy(cat, factor: float, exposed: Attachable, tmp: Path, until: threading.Event) -> float:
    """The healthy run: a stand-in with no fault, the same traffic, until every faulted run is over."""
    db, log = tmp / "app" / "dev.db", tmp / "app" / "logs.jsonl"
    drill_db.create(db, cat.project.app_schema)
    started = time.monotonic()
    with DrillTarget(cat, db, log, time_factor=factor) as target:
        exposed.bridge.target = target.base_url
        exposed.attached = True
        traffic = Traffic(target).start()
        until.wait()
        traffic.stop()
        exposed.attached = False
    return time.monotonic() - started


def run_all(cat, factor: float = TIME_FACTOR, tmp: Path | None = None) -> AlertDrills:
    """Every alert drill at once, and the healthy run, with one Prometheus and one Alertmanager."""
    with tempfile.TemporaryDirectory(prefix="alert-drills-") as d:
        return _run_all(cat, factor, Path(tmp or d))


def _run_all(cat, factor: float, tmp: Path) -> AlertDrills:
    wall = time.monotonic()
    runs = runs_of(cat, resolve(cat))
    names = [r.name for r in runs] + [HEALTHY]
    exporters = {name: _exporter(cat) for name in names}
    targets = {name: f"127.0.0.1:{server.server_address[1]}" for name, (_, server) in exporters.items()}
    try:
        rules = drill_rules(cat, names, factor)
        with Stack(tmp, rules, lambda url: drill_router(cat, url, factor), targets) as stack:
            window, done = shorter(cat.alerts.window, factor), threading.Event()
            (tmp / "healthy").mkdir()
            with ThreadPoolExecutor(max_workers=len(names)) as pool:
                healthy = pool.submit(_healthy, cat, factor, exporters[HEALTHY][0], tmp / "healthy", done)
                hooks = {r.name: AlertHooks(r, stack, exporters[r.name][0], factor, cat.scenarios[r.scenario].drill,
                                            window) for r in runs}  # fmt: skip
                futures = {r.name: pool.submit(_one, cat, r, hooks[r.name]) for r in runs}
                try:
                    drills = {name: f.result() for name, f in futures.items()}
                finally:  # a run that raised must not leave the healthy one waiting: the pool would never close
                    done.set()
                healthy_s = healthy.result()
            time.sleep(0.5)  # a late notification (a false page, a repeat) still counts
            outcomes = [outcome(cat, r, stack, hooks[r.name], drills[r.name]) for r in runs]
            return AlertDrills(factor, outcomes, outcome(cat, Run(HEALTHY, "", None), stack, None, None, healthy_s),
                               round(time.monotonic() - wall, 1))  # fmt: skip
    finally:
        for _, server in exporters.values():
            server.shutdown()
            server.server_close()


def _one(cat, run: Run, hooks: AlertHooks):
    try:
        return drill(cat, run.scenario, run.variant, hooks)
    finally:
        hooks.finish()
