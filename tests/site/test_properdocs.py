"""ProperDocs, the fallback engine, builds the same files, pages and search index as MkDocs from the same mkdocs.yml."""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, edit
from playbook import project as projects
from playbook.adapters.mkdocs.build import build_site

# Its own command, installed beside this Python by the test extra (pyproject.toml pins it).
PROPERDOCS = Path(sys.executable).with_name("properdocs")

# A page's sitemap <lastmod> is the day of the last commit that changed it (the playbook plugin), but a page
# that no commit dates yet (a new file, not committed) gets the UTC day of the build, and sitemap.xml.gz's
# header the latest of those days, unless SOURCE_DATE_EPOCH sets the build's day: set to the same one for
# both engines, so two builds on either side of midnight still compare byte for byte (2026-01-01 00:00 UTC).
SAME_DAY = {"SOURCE_DATE_EPOCH": "1767225600"}

# The one thing that legitimately differs: every page names the engine that built it (Material writes this
# tag whatever extra.generator says). Each side must carry its own engine's name, exactly once per page.
GENERATOR = '<meta name="generator" content="mkdocs-{}, mkdocs-material-' + version("mkdocs-material") + '">'
SEARCH_INDEX = "search/search_index.json"


def properdocs_build(root: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`properdocs build --strict` of the project at `root`, as CI runs it, with its mkdocs.yml and data."""
    assert PROPERDOCS.is_file(), f"no {PROPERDOCS}: ProperDocs comes with the test extra (bash scripts/setup --test)"
    env = {**os.environ, projects.DATA_ENV: str(root / "data"), **SAME_DAY}
    cmd = [PROPERDOCS, "build", "--strict", "--config-file", root / "mkdocs.yml", "--site-dir", site_dir]
    # run() kills the build if it times out or the test is interrupted
    return subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    """(the MkDocs build, as `playbook build` publishes it; the ProperDocs build), of the real site."""
    out = tmp_path_factory.mktemp("engines")
    ok, log = build_site(out / "mkdocs", project=projects.at(ROOT), env=SAME_DAY)
    assert ok, log
    proc = properdocs_build(ROOT, out / "properdocs")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out / "mkdocs", out / "properdocs"


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def engine_named(html: str, engine: str, page: str) -> str:
    """`html` with its generator tag, which must name `engine`, made engine-neutral."""
    tag = GENERATOR.format(engine)
    assert html.count(tag) == 1, f"{page}: {tag} is not in it exactly once"
    return html.replace(tag, GENERATOR.format("ENGINE"))


def test_properdocs_writes_the_same_files(builds):
    mkdocs_site, properdocs_site = builds
    expected = files(mkdocs_site)
    assert {"index.html", "scenarios/database-down.html", SEARCH_INDEX, "sitemap.xml.gz"} <= expected
    assert files(properdocs_site) == expected


def test_each_page_is_the_same_but_for_the_engine_it_names(builds):
    mkdocs_site, properdocs_site = builds
    pages = sorted(p for p in files(mkdocs_site) if p.endswith(".html"))
    assert len(pages) > 20
    mkdocs_name, properdocs_name = version("mkdocs"), f"ProperDocs {version('properdocs')}"  # after "mkdocs-"
    differ = []
    for page in pages:
        want = engine_named((mkdocs_site / page).read_text(encoding="utf-8"), mkdocs_name, page)
        got = engine_named((properdocs_site / page).read_text(encoding="utf-8"), properdocs_name, page)
        if got != want:
            diff = difflib.unified_diff(
                want.splitlines(), got.splitlines(), "mkdocs/" + page, "properdocs/" + page, n=0
            )
            differ.append("\n".join(list(diff)[:12]))
    assert not differ, "\n\n".join(differ)


def test_the_search_index_is_the_same(builds):
    mkdocs_site, properdocs_site = builds
    expected = json.loads((mkdocs_site / SEARCH_INDEX).read_text(encoding="utf-8"))
    # a real index, not two empty ones: the home page, a generated scenario and a runbook are in it
    locations = {doc["location"].split("#")[0] for doc in expected["docs"]}
    assert {"index.html", "scenarios/database-down.html", "rollback.html"} <= locations
    assert json.loads((properdocs_site / SEARCH_INDEX).read_text(encoding="utf-8")) == expected


def test_every_other_file_is_the_same_byte_for_byte(builds):
    """Assets, the offline search index (search_index.js), tags.json, sitemap.xml and its .gz."""
    mkdocs_site, properdocs_site = builds
    others = sorted(p for p in files(mkdocs_site) if not p.endswith(".html") and p != SEARCH_INDEX)
    assert {"search/search_index.js", "sitemap.xml", "sitemap.xml.gz", "assets/playbook.js"} <= set(others)
    assert [p for p in others if (properdocs_site / p).read_bytes() != (mkdocs_site / p).read_bytes()] == []


def test_strict_properdocs_refuses_a_page_with_a_broken_link(tmp_path):
    """--strict holds under ProperDocs too: the site's link validation warns, and the build fails."""
    root = copy_project(tmp_path / "project")
    edit(
        root / "docs" / "rollback.md",
        "# Rollback Strategy\n",
        "# Rollback Strategy\n\nSee [the old page](no-such-page.md).\n",
    )
    proc = properdocs_build(root, tmp_path / "site")
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0, log
    assert "'rollback.md' contains a link 'no-such-page.md'" in log
    assert "Aborted with 1 warnings in strict mode!" in log
