"""The playbook's version and last-updated date, from git, for every page footer and incident record."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _git(*args: str) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def playbook_version() -> dict[str, str]:
    """{'version': 'abc1234' (+ '-dirty'), 'date': 'YYYY-MM-DD'} of the checkout; 'unversioned' outside git."""
    commit = _git("rev-parse", "--short", "HEAD")
    if not commit:
        return {"version": "unversioned", "date": "unknown"}
    dirty = "-dirty" if _git("status", "--porcelain", "--", "data", "docs") else ""
    return {"version": commit + dirty, "date": _git("log", "-1", "--format=%cs")}
