"""Shared fixtures: a temporary copy of the data to break, and one strict build of the real site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from playbook.adapters.mkdocs.build import build_site
from playbook.data.load import load_catalog

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (its parent is tmp_path, so problems read `data/...`)."""
    dest = tmp_path / "data"
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


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """One strict build of the real site; each page's Markdown, as converted, is saved beside it in rendered/."""
    from playbook.adapters.mkdocs.rendered import ENV_VAR

    out = tmp_path_factory.mktemp("site") / "site"
    ok, log = build_site(out, env={ENV_VAR: str(out.with_name("rendered"))})
    assert ok, log
    return out


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
