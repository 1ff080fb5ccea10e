"""Build the site atomically: validate and check the data, build into a temporary folder, then swap it in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from playbook import project as projects
from playbook.adapters.mkdocs.markdown import text_renderer
from playbook.checks.engine import publish_rules
from playbook.data.load import load_catalog
from playbook.errors import DataError
from playbook.site.checking import check


def mkdocs(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs args`; interrupted (Ctrl-C, or SIGTERM in `playbook serve`), it is killed and waited for, so
    nothing writes into its output folder once the caller's `finally` removes it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    argv = [sys.executable, "-m", "mkdocs", *args]
    with subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        try:
            out, err = proc.communicate()
        except BaseException:
            proc.kill()
            proc.wait()
            raise
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


def build_site(
    site_dir: Path | None = None,
    project: projects.Project | None = None,
    env: dict | None = None,
    rules: Iterable[str] | None = None,
) -> tuple[bool, str]:
    """Build `project` (default: found from the current folder) with --strict into a sibling temp dir;
    replace `site_dir` (default: <root>/site) only when the build succeeds.

    `env` may set PLAYBOOK_DATA to build from another data folder. `rules`: the checks that must find no error
    first (default: every one but those needing external tools; the hostile build of the tests leaves out TXT001,
    to show that markup the lint would refuse is still escaped).
    """
    project = project or projects.find(data=(env or {}).get(projects.DATA_ENV))
    cat = load_catalog(project=project)  # raises DataError, located, before mkdocs starts
    only = publish_rules() if rules is None else rules
    errors = [p for p in check(cat, only, render=text_renderer(project)) if p.level == "error"]
    if errors:  # the site never shows data that contradicts itself
        raise DataError(errors)
    site_dir = Path(site_dir or project.root / "site").resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    env = {**(env or {}), projects.DATA_ENV: str(project.data)}
    try:
        proc = mkdocs(
            "build", "--strict", "--config-file", str(project.config), "--site-dir", str(tmp), cwd=project.root, env=env
        )
        log = proc.stdout + proc.stderr
        if proc.returncode != 0:
            return False, log
        old = site_dir.with_name(site_dir.name + ".old")
        if site_dir.exists():
            site_dir.rename(old)
        tmp.rename(site_dir)
        shutil.rmtree(old, ignore_errors=True)
        return True, log
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def log_errors(log: str) -> list[str]:
    """The lines of a failed build's log that say why it failed (its last 20 lines when none does)."""
    lines = [ln for ln in log.splitlines() if "WARNING" in ln or "ERROR" in ln or "Error" in ln]
    return lines or log.splitlines()[-20:]
