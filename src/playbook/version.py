"""The playbook's version and last-updated dates, from git, for every page footer and incident record."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from datetime import date
from pathlib import Path

# Everything a build reads: a change to any of them, committed or not, changes what the site shows.
INPUTS = ("data", "docs", "src", "macros", "overrides", "mkdocs.yml")


def _git(root: Path, *args: str, timeout: int = 10) -> str | None:
    try:
        out = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def playbook_version(root: Path) -> dict[str, str]:
    """{"version": "abc1234" (+ "-dirty"), "date": "YYYY-MM-DD"} of the git checkout at `root`.

    "-dirty" when any input of the build (INPUTS) differs from the commit; the date is the last commit
    that changed an input (a commit of tests alone changes no page). Outside git: "unversioned", "unknown".
    """
    commit = _git(root, "rev-parse", "--short", "HEAD")
    if not commit:
        return {"version": "unversioned", "date": "unknown"}
    dirty = "-dirty" if _git(root, "status", "--porcelain", "--", *INPUTS) else ""
    day = _git(root, "log", "-1", "--format=%cs", "--", *INPUTS)
    return {"version": commit + dirty, "date": day or "unknown"}


def last_changes(root: Path, folders: Iterable[str]) -> dict[str, date]:
    """{path from `root`: date of the last commit that changed it} for every file ever committed under
    `folders`, from one `git log` walk ({} outside git): one call however many files are asked about."""
    log = _git(root, "log", "--format=@%cs", "--name-only", "--no-renames", "--", *folders, timeout=30)
    top = _git(root, "rev-parse", "--show-prefix")
    if log is None or top is None:
        return {}
    out: dict[str, date] = {}
    day = None
    for line in log.splitlines():
        if line.startswith("@"):
            day = date.fromisoformat(line[1:])
        elif line and day and line.startswith(top):  # paths in the log are from the repository's top
            out.setdefault(line.removeprefix(top), day)  # newest first: keep the first date seen
    return out
