"""Shared fixtures: a temporary copy of the data to break, and one strict build of the real site."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from playbook.adapters.mkdocs.build import build_site
from playbook.checks.cache import CACHE_ENV, Cache
from playbook.data.load import load_catalog

# In CI the property tests draw the same examples every run, so a run fails for the change it tests, not
# for the luck of the draw; a developer's run (no CI variable) explores new examples each time.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"

# What the browser suite reports at the end (search scores, requests), gathered here so that a run spread
# over xdist workers reports every worker's part: each worker hands its part to the controller.
STASH_SEARCH = pytest.StashKey[dict]()
STASH_REQUESTS = pytest.StashKey[dict]()


def pytest_xdist_auto_num_workers(config):
    """`-n auto`: one worker more than the machine's cores. Much of the suite waits on processes it started
    (Chromium, the site server, Prometheus, drills), and an extra worker keeps the cores busy meanwhile (on
    2 cores: about 280 s against 340 s with 2 workers)."""
    return (os.cpu_count() or 1) + 1


def pytest_configure(config):
    # `playbook check` keeps its cache in the project it checks: the tests' runs, on this checkout too, keep
    # theirs in a folder of their own (each xdist worker its own), so the suite leaves no .playbook_cache here.
    os.environ[CACHE_ENV] = tempfile.mkdtemp(prefix="pb-test-cache-")
    config.stash[STASH_SEARCH] = {}
    config.stash[STASH_REQUESTS] = {"allowed": 0, "blocked": []}
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_WorkerReports(config))


def pytest_unconfigure(config):
    folder = os.environ.pop(CACHE_ENV, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_sessionfinish(session):
    out = getattr(session.config, "workeroutput", None)
    if out is not None:  # an xdist worker
        report = {"search": session.config.stash[STASH_SEARCH], "requests": session.config.stash[STASH_REQUESTS]}
        out["pb_report"] = json.dumps(report)


class _WorkerReports:
    """On the xdist controller: add each finished worker's report to this run's."""

    def __init__(self, config):
        self.config = config

    def pytest_testnodedown(self, node, error):
        report = json.loads(getattr(node, "workeroutput", {}).get("pb_report", "null"))
        if not report:
            return
        search, tally = self.config.stash[STASH_SEARCH], self.config.stash[STASH_REQUESTS]
        search["lines"] = search.get("lines", []) + report["search"].get("lines", [])
        tally["allowed"] += report["requests"]["allowed"]
        tally["blocked"] += report["requests"]["blocked"]


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (its parent is tmp_path, so problems read `data/...`)."""
    dest = tmp_path / "data"
    shutil.copytree(DATA_DIR, dest)
    return dest


class ScanCache(Cache):
    """`check`'s own cache, holding only what it keeps per file or per block (detect-secrets' scan, the phone
    numbers, the tools' and renderer's results, each under a hash of the file's path and content, or the block's),
    never a rule's findings ("findings", the findings cache): every rule runs on every fault."""

    def get(self, kind: str, key: str):
        return None if kind == "findings" else super().get(kind, key)

    def put(self, kind: str, key: str, value) -> None:
        if kind != "findings":
            super().put(kind, key, value)


@pytest.fixture(scope="session")
def scans(tmp_path_factory) -> Cache:
    """A ScanCache for this worker, for the fault tests that run many rules on a `fault_copy`."""
    return ScanCache(tmp_path_factory.mktemp("scans"))


@pytest.fixture
def fault_copy(tmp_path_factory) -> Path:
    """A fresh copy of data/ at the same path for every test of this worker that asks for it: with `scans`, the
    files a fault leaves alone are read back instead of scanned again (half of a fast run: detect-secrets)."""
    dest = tmp_path_factory.getbasetemp() / "fault" / "data"
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(DATA_DIR, dest)
    return dest


# What a copy of the playbook needs: no src/ (the command comes from the installed package).
COPIED = ["mkdocs.yml", "data", "docs", "macros", "overrides", "runbooks", "alerts", "dashboards", "bench"]


def copy_project(dest: Path) -> Path:
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    # tsc, as `bash scripts/setup --test` installs it: `playbook check` compiles the TypeScript blocks with it
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The number of the one line of `path` that holds `needle` (a fault test's expected line)."""
    (n,) = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return n


def load_fails(data: Path, file: str, old: str, new: str) -> tuple[int, list]:
    """Replace `old` by `new` in `data`/`file` and load: (the line `old` stood on, the problems the load raised)."""
    from playbook.errors import DataError

    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    edit(path, old, new)
    with pytest.raises(DataError) as info:
        load_catalog(data)
    return line, info.value.problems


def once_per_run(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder `make` fills once for the whole run: with xdist, the first worker to ask makes it under a file lock
    in the run's temporary folder (the workers' common parent) and the others wait for it and share it, so what
    it holds must only be read. A `make` that fails fails every worker that asks, with its message, once made."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    root = tmp_path_factory.getbasetemp().parent  # this run's, not the last run's: nothing is kept across runs
    folder, done, failed = root / name, root / f"{name}.done", root / f"{name}.failed"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, even when `make` raises
        if failed.exists():
            pytest.fail(f"{name}, made by another worker, failed:\n{failed.read_text(encoding='utf-8')}")
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a worker that died while making it
            folder.mkdir()
            try:
                make(folder)
            except BaseException as e:
                failed.write_text(f"{type(e).__name__}: {e}", encoding="utf-8")
                raise
            done.touch()
    return folder


def _build(folder: Path) -> None:
    from playbook.adapters.mkdocs.rendered import ENV_VAR

    ok, log = build_site(folder / "site", env={ENV_VAR: str(folder / "rendered")})
    assert ok, log


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """One strict build of the real site for the whole run (the xdist workers share it: tests only read it); each
    page's Markdown, as converted, is saved beside it in rendered/."""
    return once_per_run(tmp_path_factory, "site", _build) / "site"


@pytest.fixture(scope="session")
def built_markdown(site) -> dict[str, str]:
    """{src_uri: Markdown} as the strict build converted it."""
    rendered = site.with_name("rendered")
    return {p.relative_to(rendered).as_posix(): p.read_text(encoding="utf-8") for p in rendered.rglob("*.md")}


def page_text(html: str) -> str:
    """The visible text of a built page's article, whitespace folded."""
    body = html[html.find("<article") : html.rfind("</article>")]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    text = re.sub(r"</?(p|li|td|th|tr|div|pre|h[1-6]|br|ul|ol|table|label|summary)\b[^>]*>", " ", body)
    text = re.sub(r"<[^>]+>", "", text)
    import html as h

    return re.sub(r"\s+", " ", h.unescape(text))


@pytest.fixture(scope="session")
def extraction(site):
    """(code blocks of every rendered page, as `playbook extract` reads them; the built site)."""
    from playbook.adapters.mkdocs.rendered import render_pages
    from playbook.runbooks.extract import parse_pages

    pages, _ = render_pages()
    return parse_pages(pages), site


@pytest.fixture(scope="session")
def extracted(extraction):
    """(code blocks of the rendered pages, compilations left out; code-block counts of the built HTML)."""
    from playbook.runbooks.extract import COMPILATIONS, html_counts

    blocks, site = extraction
    counts = {p: n for p, n in html_counts(site).items() if p not in COMPILATIONS}
    return [b for b in blocks if b.page not in COMPILATIONS], counts


def pytest_terminal_summary(terminalreporter, config):
    tally = config.stash.get(STASH_REQUESTS, None)
    lines = list(config.stash.get(STASH_SEARCH, {}).get("lines", []))
    if tally and (tally["allowed"] or tally["blocked"]):
        left = len(tally["blocked"])
        lines.append(f"browser requests: {tally['allowed']} to 127.0.0.1, {left} blocked that would have left it")
        lines += [f"  blocked: {u}" for u in tally["blocked"][:20]]
    if lines:
        terminalreporter.write_sep("-", "incident-time use in Chromium")
        for line in lines:
            terminalreporter.write_line(line)
