"""The playbook project: the folder holding mkdocs.yml, found from where you stand (or given), and its paths.

As mkdocs, ruff and pre-commit do, the project is the current folder or the first folder above it that
holds the marker file, unless one is given (`--project DIR`, else $PLAYBOOK_PROJECT). Every other path
(data, docs, runbooks, alerts, schemas, the git version) follows from it; no module computes a path from
where the code is installed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

MARKER = "mkdocs.yml"
PROJECT_ENV = "PLAYBOOK_PROJECT"
DATA_ENV = "PLAYBOOK_DATA"


class ProjectError(Exception):
    """No playbook project where one was looked for; the message says where, and how to point at one."""


@dataclass(frozen=True)
class Project:
    root: Path  # the folder holding mkdocs.yml
    data: Path  # the data folder: root/data unless given (--data, $PLAYBOOK_DATA)
    docs_dir: Path | None = None  # the pages' folder, when the MkDocs config names another than root/docs

    @property
    def config(self) -> Path:
        return self.root / MARKER

    @property
    def docs(self) -> Path:
        return self.docs_dir or self.root / "docs"

    @property
    def runbooks(self) -> Path:
        return self.root / "runbooks"

    @property
    def rules_file(self) -> Path:
        """The generated Prometheus alerting rules."""
        return self.root / "alerts" / "playbook.rules.yml"

    @property
    def alertmanager_file(self) -> Path:
        """The generated Alertmanager configuration."""
        return self.root / "alerts" / "alertmanager.yml"

    @property
    def escalation_file(self) -> Path:
        """The generated escalation policy, for the paging tool."""
        return self.root / "alerts" / "escalation-policy.json"

    @property
    def dashboard_file(self) -> Path:
        """The generated Grafana dashboard."""
        return self.root / "dashboards" / "clinical-os.json"

    @property
    def generated(self) -> tuple[Path, ...]:
        """The files `playbook generate` writes from the data beside the pages: the alerts, the router's, the paging
        tool's and the dashboard's (a fresh copy of the project may not hold them yet)."""
        return (self.rules_file, self.alertmanager_file, self.escalation_file, self.dashboard_file)

    @property
    def app_schema(self) -> Path:
        """The stand-in Clinical OS database schema that runbook SQL is compiled against."""
        return self.data / "app" / "clinical-os-schema.sql"

    @property
    def ts_declarations(self) -> Path:
        """The stand-in Clinical OS TypeScript declarations that runbook snippets are type-checked against."""
        return self.data / "app" / "clinical-os.d.ts"

    @property
    def seed(self) -> Path:
        """The seed playbook as it was received, never edited: the source of the data, kept for the names it writes."""
        return self.data / "seed" / "playbook.md"

    @property
    def tsc(self) -> Path:
        """The TypeScript compiler `scripts/setup --test` installs (npm)."""
        return self.root / "node_modules" / ".bin" / "tsc"

    @property
    def cache(self) -> Path:
        """The cache of `playbook check` (as ruff's .ruff_cache; $PLAYBOOK_CACHE_DIR moves it)."""
        return self.root / ".playbook_cache"

    @property
    def bench(self) -> Path:
        return self.root / "bench"

    @property
    def schema(self) -> Path:
        return self.data / "schema"

    def files(self, pattern: str) -> list[Path]:
        """The files a glob from the project root names (data/search.yaml `tuned_to`), sorted; none outside it."""
        return sorted(p for p in self.root.glob(pattern) if p.is_file() and p.resolve().is_relative_to(self.root))

    def rel(self, path: Path) -> str:
        """`path` as written from the project root (as it is shown on the site and in messages)."""
        return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)


def at(root: str | Path, data: str | Path | None = None, docs: str | Path | None = None) -> Project:
    """The project whose root is `root` (it must hold mkdocs.yml); `data` overrides its data folder, `docs` its
    pages' folder (the docs_dir of the MkDocs config being built)."""
    root = Path(root).resolve()
    if not (root / MARKER).is_file():
        raise ProjectError(f"{root} holds no {MARKER}: it is not a playbook project (give the folder that has one)")
    return Project(root, Path(data).resolve() if data else root / "data", Path(docs).resolve() if docs else None)


def find_data(environ: Mapping[str, str] = os.environ) -> str | None:
    """The data folder given by $PLAYBOOK_DATA, if any."""
    return environ.get(DATA_ENV) or None


def find(
    project: str | Path | None = None,
    data: str | Path | None = None,
    cwd: str | Path | None = None,
    environ: Mapping[str, str] = os.environ,
) -> Project:
    """The project given (`project`, else $PLAYBOOK_PROJECT), or found from `cwd` (default: the current
    folder) upward; its data folder is `data`, else $PLAYBOOK_DATA, else <root>/data."""
    data = data or environ.get(DATA_ENV) or None
    given = project or environ.get(PROJECT_ENV)
    if given:
        return at(given, data)
    start = Path(cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / MARKER).is_file():
            return at(folder, data)
    raise ProjectError(
        f"no {MARKER} in {start} or any folder above it: run playbook inside the playbook's folder, "
        f"or give --project DIR (or ${PROJECT_ENV})"
    )
