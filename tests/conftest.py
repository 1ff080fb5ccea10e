"""Shared fixtures: a temporary copy of the data to break, and one strict build of the real site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from playbook.build import build_site
from playbook.load import DATA_DIR, load_catalog

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (its parent is tmp_path, so problems read `data/...`)."""
    dest = tmp_path / "data"
    shutil.copytree(DATA_DIR, dest)
    return dest


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    ok, log = build_site(out)
    assert ok, log
    return out


def page_text(html: str) -> str:
    """The visible text of a built page's article, whitespace folded."""
    body = html[html.find("<article") : html.rfind("</article>")]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    text = re.sub(r"</?(p|li|td|th|tr|div|pre|h[1-6]|br|ul|ol|table|label|summary)\b[^>]*>", " ", body)
    text = re.sub(r"<[^>]+>", "", text)
    import html as h

    return re.sub(r"\s+", " ", h.unescape(text))


@pytest.fixture(scope="session")
def extraction(tmp_path_factory):
    """(code blocks of the rendered pages, the built site), from one strict build."""
    from playbook.extract import parse_pages, render

    pages, site = render(tmp_path_factory.mktemp("extract"))
    return parse_pages(pages), site


@pytest.fixture(scope="session")
def extracted(extraction):
    """(code blocks of the rendered pages, code-block counts of the built HTML)."""
    from playbook.extract import html_counts, without_compilations

    blocks, site = extraction
    return without_compilations(blocks, html_counts(site))
