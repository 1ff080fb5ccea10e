"""Helpers for tests that run the generated runbooks against fixtures (never the network)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNBOOKS = ROOT / "runbooks"
FIXTURES = ROOT / "tests" / "fixtures"
LOGS = FIXTURES / "logs.jsonl"
SINCE = "2026-01-14T09:00:00Z"
UNREACHABLE = "http://127.0.0.1:9"  # never called: curl steps are only checked statically here


def manifest() -> dict:
    return json.loads((RUNBOOKS / "manifest.json").read_text(encoding="utf-8"))


def step_number(rid: str, needle: str) -> int:
    """The number of the one step of runbook `rid` whose code contains `needle`."""
    hits = [s["number"] for s in manifest()[rid]["steps"] if needle in s["code"]]
    assert len(hits) == 1, f"{rid}: {len(hits)} steps contain {needle!r}"
    return hits[0]


def env(**extra: str) -> dict:
    base = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "LC_ALL": "C",
        "BASE_URL": UNREACHABLE,
        "LOG_FILE": str(LOGS),
        "SINCE": SINCE,
        "USER_ID": "user_456",
        "REQUEST_ID": "req_1705228200000_abc123",
        "VERCEL_PROJECT": "example/not-a-project",
        "DB_PATH": "/nonexistent/dev.db",
        "DB_BACKUP": "/nonexistent/dev.db.backup",
    }
    return {**base, **extra}


def run_script(rid: str, *args: str, input: str | None = None, cwd: Path | None = None, **extra: str):
    """bash runbooks/<rid>.sh ARGS with the fixture environment; stdin closed unless `input` is given."""
    return subprocess.run(
        ["bash", str(RUNBOOKS / f"{rid}.sh"), *args],
        env=env(**extra),
        input=input if input is not None else "",
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
    )


def make_db(path: Path) -> Path:
    """A SQLite database with the stand-in Clinical OS schema and the fixture rows."""
    for f in (ROOT / "data" / "app" / "clinical-os-schema.sql", FIXTURES / "clinical-os-rows.sql"):
        proc = subprocess.run(["sqlite3", str(path)], input=f.read_text(), capture_output=True, text=True)
        assert proc.returncode == 0 and not proc.stderr, proc.stderr
    return path


def needs_network(code: str) -> bool:
    """curl steps call the app or the AI provider: checked statically here, run by the drills."""
    return "curl " in code
