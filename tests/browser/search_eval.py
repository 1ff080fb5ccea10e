"""Score the site's search against the incident query set: where each expected answer lands."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from playbook_dev.browser import Hit

QUERIES = Path(__file__).resolve().parents[1] / "fixtures" / "search_queries.yaml"
GATE = 3
PARTS = ("tuning",)
# While tuning, PB_SEARCH_PARTS=tuning scores only the tuning part, so the holdout stays unseen.
PARTS_ENV = "PB_SEARCH_PARTS"


@dataclass
class Query:
    part: str
    q: str
    expect: list[str]


def load_queries(path: Path = QUERIES, parts: str | None = None) -> list[Query]:
    """The queries of the chosen parts (comma-separated; default $PB_SEARCH_PARTS, else every part)."""
    parts = parts or os.environ.get(PARTS_ENV) or ",".join(PARTS)
    chosen = [p.strip() for p in parts.split(",") if p.strip()]
    if unknown := [p for p in chosen if p not in PARTS]:
        raise ValueError(f"{PARTS_ENV}: unknown part(s) {unknown}; known: {', '.join(PARTS)}")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for part in chosen:
        for item in data[part]:
            expect = item["expect"] if isinstance(item["expect"], list) else [item["expect"]]
            out.append(Query(part, item["q"], expect))
    return out


def site_path(href: str, base: str) -> tuple[str, str]:
    """(page path relative to the site root, fragment) of a result link, without the ?h= highlight."""
    parts = urlsplit(href)
    path = parts.path.removeprefix(urlsplit(base).path)
    return path, parts.fragment


def rank(hits: list[Hit], expect: list[str], base: str) -> int | None:
    """1-based rank of the first result item that is a right answer, or None."""
    for n, hit in enumerate(hits, 1):
        page, _ = site_path(hit.page, base)
        # the best section of the page (listed first), and any shown beside it without unfolding "more"
        shown = {site_path(s, base) for s in hit.sections[: max(1, hit.shown)]}
        for want in expect:
            want_page, _, want_section = want.partition("#")
            if page == want_page and (not want_section or (page, want_section) in shown):
                return n
    return None


def summary(ranks: dict[str, list[int | None]]) -> list[str]:
    lines = []
    for part, rs in ranks.items():
        if not rs:
            continue
        at1 = sum(r == 1 for r in rs)
        at3 = sum(r is not None and r <= GATE for r in rs)
        lines.append(
            f"search {part}: hit@1 {at1}/{len(rs)} = {at1 / len(rs):.2f}, hit@3 {at3}/{len(rs)} = {at3 / len(rs):.2f}"
        )
    return lines
