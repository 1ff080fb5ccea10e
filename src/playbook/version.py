"""The playbook's version and last-updated date, from git, for every page footer and incident record."""

from __future__ import annotations

import subprocess
from pathlib import Path


def _git(root: Path, *args: str) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def playbook_version(root: Path) -> dict[str, str]:
    """{"version": "abc1234" (+ "-dirty"), "date": "YYYY-MM-DD"} of the git checkout at `root`.

    Outside git: "unversioned" and "unknown".
    """
    commit = _git(root, "rev-parse", "--short", "HEAD")
    if not commit:
        return {"version": "unversioned", "date": "unknown"}
    dirty = "-dirty" if _git(root, "status", "--porcelain", "--", "data", "docs") else ""
    return {"version": commit + dirty, "date": _git(root, "log", "-1", "--format=%cs")}
