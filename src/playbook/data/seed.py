"""The seed playbook as it was received (data/seed/), read as text: the names it writes are known names."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from playbook.project import Project


@cache
def _read(path: Path, mtime: float) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def seed_text(project: Project) -> str:
    """The seed's text ("" when the data folder holds none: then every name must be known otherwise)."""
    path = project.seed
    return _read(path, path.stat().st_mtime if path.is_file() else 0.0)
