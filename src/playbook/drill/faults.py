"""Break the drill target the way a scenario's `drill.fault` says, and make HTTP calls to it (127.0.0.1 only)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

from playbook.data.model_drill import Action, Fault
from playbook.drill import db as drill_db
from playbook.drill.routes import DRILL_ACCOUNT
from playbook.drill.target import DRILL_TOKEN, DrillTarget

# urllib would follow *_proxy variables; the drill talks to 127.0.0.1 directly, never through a proxy.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
BACKGROUND_IPS = ["198.51.100.10", "198.51.100.11", "198.51.100.12"]  # documentation range (RFC 5737)


def call(base_url: str, path: str, body: dict | None = None, ip: str | None = None, token: bool = False):
    """(status, parsed JSON body) of a GET (body None) or POST to the stand-in."""
    if urlsplit(base_url).hostname != "127.0.0.1":
        raise ValueError(f"drill traffic goes to 127.0.0.1 only, not {base_url}")
    headers = {"Content-Type": "application/json"}
    if ip:
        headers["X-Forwarded-For"] = ip
    if token:
        headers["Authorization"] = f"Bearer {DRILL_TOKEN}"
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base_url + path, data=data, headers=headers, method="GET" if body is None else "POST")
    try:
        with _OPENER.open(req, timeout=5) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as e:
        with e:
            return e.code, json.loads(e.read() or b"null")


def inject(t: DrillTarget, fault: Fault, backup: Path) -> None:
    """Apply the fault, with the traffic that makes its symptoms show in metrics and logs.

    The backup ($DB_BACKUP) is taken after the normal traffic, as last night's backup would be: only the
    fault's own writes (db_corrupt `rows`) are newer than it.
    """
    url, ep = t.base_url, t.ep
    # Normal traffic first: the alert fires on a change, not on an empty log.
    for ip in BACKGROUND_IPS:
        call(url, ep["signin"], {"email": DRILL_ACCOUNT[0], "password": DRILL_ACCOUNT[1]}, ip=ip)
    call(url, ep["signin"], {"email": "typo@example.test", "password": "wrong"}, ip=BACKGROUND_IPS[0])
    call(url, ep["notes"], {"sessionId": "session_1", "content": "Normal note"}, ip=BACKGROUND_IPS[1], token=True)
    backup.write_bytes(t.db_path.read_bytes())

    if fault.kind == "db_corrupt":
        for i in range(fault.size[1]):  # rows written after the backup: only the salvage can bring them back
            call(url, ep["notes"], {"sessionId": "session_3", "content": f"After the backup {i}"}, token=True)
        (drill_db.corrupt_index if fault.damage == "index" else drill_db.corrupt)(t.db_path)
        if fault.backup_corrupt:
            drill_db.corrupt(backup)
    elif fault.kind == "db_missing":
        drill_db.move_away(t.db_path)
    elif fault.kind == "auth_burst":
        for _ in range(fault.size[1]):
            call(url, ep["signin"], {"email": "victim@example.test", "password": "guess"}, ip=fault.ip)
    elif fault.kind == "invalid_state_transitions":
        ids = drill_db.invalid_status(t.db_path, fault.status or "invalid", fault.rows or 1)
        for i in range(fault.size[1] if ids else 0):
            body = {"id": ids[i % len(ids)], "status": "signed"}
            call(url, ep["notes"], body, ip=BACKGROUND_IPS[i % len(BACKGROUND_IPS)], token=True)
    elif fault.kind == "db_slow":
        t.db_delay_ms = fault.delay_ms or 0
    elif fault.kind == "ai_provider_down":
        t.provider_up = False
        for i in range(fault.size[1]):
            call(url, ep["generate-note"], {"sessionId": f"session_{i}"}, ip=BACKGROUND_IPS[0], token=True)


def apply(t: DrillTarget, action: Action, fields: dict[str, str] | None = None) -> str:
    """Do what a manual step would do in production, on the stand-in; return what was done. `fields`: the
    fault's fields, for ${name} in the action (block_ip: "${ip}")."""
    done = []
    if action.flag:
        t.env[t.flag.name] = action.flag
        done.append(f"redeployed the stand-in with {t.flag.name}={action.flag}")
    if action.provider:
        t.provider_up = action.provider == "up"
        done.append(f"AI provider {action.provider}")
    if action.app:
        t.stopped = action.app == "stopped"
        done.append(f"app {action.app}")
    if action.database:
        t.db_delay_ms = 0
        done.append(f"database {action.database}")
    if action.block_ip:
        ip = Template(action.block_ip).safe_substitute(fields or {})
        t.blocked.add(ip)
        done.append(f"{ip} put on the rate limit blocklist")
    if action.rows:
        done.append(f"{drill_db.repair(t.db_path)} note row(s) {action.rows} into the state machine")
    return "; ".join(done)
