"""DRILL TARGET, not the product: a local stand-in for Clinical OS that serves the API the runbooks call.

`playbook drill` starts it on 127.0.0.1 (a free port), breaks it the way a scenario says, and runs the
runbook's commands against it. It implements only the contract those commands rely on, and reads every
part of that contract from the playbook data (data/catalog.yaml), so it cannot drift from the docs:
endpoint paths by id, rate limits, the feature flag's name, default and refused / rate-limited responses,
metric names and labels (drill/metrics.py), and the JSON Lines log format (it writes $LOG_FILE as it serves).

Why the standard library (http.server.ThreadingHTTPServer): no dependency to pin or audit, nothing to
install on a CI machine, and a dozen JSON routes need no framework. It is a drill target, never exposed.

Contract notes:
- The client IP is the X-Forwarded-For header when present (the drill simulates other clients with it,
  as a load balancer would set it), else the socket's address.
- Rate limits are fixed windows per (limit, client IP). A limit of "TBD" (the AI limit, decision
  D-ai-limit) is treated as no limit: the stand-in cannot enforce a number nobody has given.
- A failed AI provider call answers the catalog's refused response (AI is optional) and counts
  ai.generate_note.error; with the flag false the provider is not called at all.
- `time_factor` (the alert drills' one time factor) shortens the rate limit windows and the active-user window
  by that factor, as the alert drills shorten every `for:` and rate window of the rules.
- "Stopping the app" (a drill step's `before: {app: stopped}`, standing in for the responder stopping it
  before a restore) makes every route but liveness answer 503 without opening the database; a failed
  open never leaves the file open (the restore's fuser check would see it).
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playbook.data.durations import seconds
from playbook.drill.metrics import Metrics
from playbook.drill.routes import ROUTES, not_implemented

DRILL_TOKEN = "drill-token-not-a-secret"  # a dummy bearer token, accepted only by this stand-in


class DrillTarget:
    """The stand-in's state; `start()` serves it on 127.0.0.1 in a background thread."""

    def __init__(self, cat, db_path: Path, log_file: Path, env: dict[str, str] | None = None, time_factor: float = 1):
        self.cat = cat
        self.db_path = db_path
        self.log_file = log_file
        self.flag = cat.data.feature_flags[0]
        self.env = dict(env or {})
        self.provider_up = True
        self.stopped = False  # the responder stopped the app: every route but liveness answers 503
        self.paths = {e.path: e for e in cat.data.endpoints if not e.external}
        self.ep = {e.id: e.path for e in cat.data.endpoints}
        self.metrics = Metrics(cat.data)
        # status_class: the catalog's value for a status is the one that starts with its first digit (5xx: 503)
        self.status_classes = cat.data.label_values("http.errors", "status_class") or []
        self.time_factor = time_factor
        # what the rate-limit windows are divided by: the time factor, but 1 while the alert drills walk the
        # runbook, so a step that counts a limit's refusals meets the window the data gives (60 s, not 0.5 s)
        self.window_factor = time_factor
        self.db_delay_ms = 0  # fault db_slow: every query takes this long
        self.blocked: set[str] = set()  # the rate limit blocklist (a fix of the auth runbook)
        self.signed_in: dict[str, float] = {}  # user or IP -> last successful sign-in (auth.active_users)
        self.in_flight = 0  # database connections open now (db.pool.in_use)
        self.started = time.monotonic()
        self.limits = {x.id: x for x in cat.data.rate_limits}
        self.log_fields = {f.path for f in cat.data.log_format.fields}
        self.windows: dict[tuple[str, str], tuple[float, int]] = {}
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None

    # --- lifecycle ------------------------------------------------------------
    def start(self) -> str:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, name="drill-target", daemon=True).start()
        self.log("info", "Drill target started", {"endpoint": "", "method": ""})
        return self.base_url

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    # --- state ------------------------------------------------------------------
    def ai_enabled(self) -> bool:
        return self.env.get(self.flag.name, self.flag.default).strip().lower() == "true"

    @property
    def counters(self) -> dict[str, int]:
        """Every counter's total, as `.metrics.counters` reports it."""
        return self.metrics.as_json()["counters"]

    def count(self, name: str, n: int = 1, **labels: str) -> None:
        self.metrics.inc(name, n, **labels)  # KeyError: not a metric of data/catalog.yaml, or not its labels

    def db(self, call, *args):
        """Run a database call of drill/db.py, timed into db.query.duration (slowed by the db_slow fault)."""
        t0 = time.monotonic()
        with self.lock:
            self.in_flight += 1
        try:
            if self.db_delay_ms:
                time.sleep(self.db_delay_ms / 1000)
            return call(*args)
        finally:
            with self.lock:
                self.in_flight -= 1
            self.metrics.observe("db.query.duration", (time.monotonic() - t0) * 1000)

    def gauges(self) -> None:
        """Set the gauges /api/metrics reports from the stand-in's state."""
        m, window = self.metrics, 300 / self.time_factor  # active users: the last 5 minutes
        now = time.monotonic()
        with self.lock:
            active, pool = sum(now - t <= window for t in self.signed_in.values()), self.in_flight
        m.set("auth.active_users", active)
        m.set("db.pool.in_use", pool)
        m.set("process.uptime", round(now - self.started, 3))
        requests = m.total("http.requests")
        m.set("http.requests.error_rate", round(100 * m.total("http.errors") / requests, 3) if requests else 0)

    def allow(self, limit_id: str | None, ip: str) -> bool:
        """Count one request against the limit for this IP; False once past it within the window."""
        lim = self.limits.get(limit_id) if limit_id else None
        if ip in self.blocked:
            return False
        if lim is None or lim.requests == "TBD":
            return True
        now = time.monotonic()
        with self.lock:
            start, n = self.windows.get((lim.id, ip), (now, 0))
            if now - start >= seconds(lim.window) / self.window_factor:
                start, n = now, 0
            self.windows[(lim.id, ip)] = (start, n + 1)
            return n + 1 <= lim.requests

    def log(self, level: str, message: str, context: dict, error: Exception | None = None) -> None:
        now = datetime.now(UTC)
        entry = {"timestamp": now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"}
        entry |= {"level": level, "message": message}
        # only the fields data/catalog.yaml's log_format lists are written
        entry["context"] = {k: v for k, v in context.items() if v != "" and f"context.{k}" in self.log_fields}
        if error is not None:
            err = {"message": str(error), "name": type(error).__name__}
            entry["error"] = {k: v for k, v in err.items() if f"error.{k}" in self.log_fields}
        with self.lock, self.log_file.open("a", encoding="utf-8") as f:
            f.write(json.dumps(entry, separators=(",", ":")) + "\n")


def _request_id() -> str:
    return f"req_{int(time.time() * 1000)}_{secrets.token_hex(3)}"


def _handler(t: DrillTarget):
    class Handler(BaseHTTPRequestHandler):
        server_version = "ClinicalOS-DrillTarget/1"

        def log_message(self, *args):  # the JSON Lines log replaces http.server's stderr lines
            pass

        def do_GET(self):
            self._serve("GET")

        def do_POST(self):
            self._serve("POST")

        def _serve(self, method: str) -> None:
            t0 = time.monotonic()
            path = self.path.split("?", 1)[0]
            ep = t.paths.get(path)
            ip = (self.headers.get("X-Forwarded-For") or self.client_address[0]).split(",")[0].strip()
            ctx = {"requestId": _request_id(), "endpoint": path, "method": method, "ip": ip}
            if ep is None or ep.method != method:
                status, body, level, msg, err = 404, {"error": "Not found"}, "warn", "Not found", None
            elif t.stopped and ep.id != "liveness":
                status, body, level, msg, err = 503, {"error": "Stopped by the drill"}, "warn", "App stopped", None
            elif not t.allow(ep.rate_limit, ip):
                user = "user_456" if self.headers.get("Authorization") == f"Bearer {DRILL_TOKEN}" else "anonymous"
                t.count("ratelimit.hit", limit=ep.rate_limit or "blocklist", ip=ip, user=user)
                status, level, msg, err = 429, "warn", "Rate limit exceeded", None
                body = (
                    dict(t.flag.rate_limited_response) if ep.id == "generate-note" else {"error": "Too many requests"}
                )
            elif ep.auth == "bearer" and self.headers.get("Authorization") != f"Bearer {DRILL_TOKEN}":
                status, body, level, msg, err = 401, {"error": "Unauthorized"}, "warn", "Unauthorized", None
            else:
                try:
                    status, body, level, msg, err = ROUTES.get(ep.id, not_implemented)(t, self._json(), ctx)
                except Exception as e:  # noqa: BLE001 - a stand-in bug must answer 500, not hang the drill
                    status, body, level, msg, err = 500, {"error": "Internal error"}, "error", "Unhandled error", e
            ms = (time.monotonic() - t0) * 1000
            t.count("http.requests", category=ep.category or "read" if ep else "read", status=str(status))
            if status >= 400:
                cls = next((c for c in t.status_classes if c.startswith(str(status // 100))), str(status))
                t.count("http.errors", endpoint=path if ep else "other", status_class=cls)
            t.metrics.observe("http.request.duration", ms, endpoint=path if ep else "other")
            ctx |= {"statusCode": status, "duration": int(ms)}
            t.log(level, msg, ctx, err)
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _json(self) -> dict:
            n = int(self.headers.get("Content-Length") or 0)
            try:
                body = json.loads(self.rfile.read(n) or b"{}")
            except ValueError:
                return {}
            return body if isinstance(body, dict) else {}

    return Handler
