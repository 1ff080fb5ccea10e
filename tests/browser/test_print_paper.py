"""The binder works on paper: printed to A4 in Chromium, every table cell prints whole and inside the margins,
no heading ends a page, and no link leads to another page of the site.

The PDF is read with poppler's `pdftotext -bbox-layout`: one box per word, in points. The expectations are
read from the built binder.html (its tables' cells, its headings, its links) and from data/ with pyyaml.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
import yaml

from conftest import DATA_DIR, STASH_REQUESTS, page_text
from playbook_dev.browser import RequestGuard


class _Article(HTMLParser):
    """From a built page's <article>: the text of each table cell, of each h1-h4 heading (by id), and every
    link (href and text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = 0
        self.cells: list[str] = []
        self.rows: list[list[str]] = []  # each table row's cells, whitespace folded
        self.headings: dict[str, str] = {}  # id: text
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.ids: list[str] = []  # every id of the page
        self._cell: list[str] | None = None
        self._heading: tuple[str, list[str]] | None = None
        self._link: list[str] | None = None
        self._permalink = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"])
        if tag == "article":
            self.inside += 1
        if not self.inside:
            return
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif re.fullmatch(r"h[1-4]", tag):
            self._heading = (a.get("id", ""), [])
        elif tag == "a":
            self._permalink = "headerlink" in (a.get("class") or "").split()  # the heading's "¶"
            if a.get("href") is not None:
                self.links.append((a["href"], ""))
                self._link = []

    def handle_endtag(self, tag):
        if tag == "article":
            self.inside -= 1
        elif tag in ("td", "th") and self._cell is not None:
            self.cells.append("".join(self._cell))
            self.rows[-1].append(" ".join(self.cells[-1].split()))
            self._cell = None
        elif re.fullmatch(r"h[1-4]", tag) and self._heading is not None:
            self.headings[self._heading[0]] = " ".join("".join(self._heading[1]).split())
            self._heading = None
        elif tag == "a":
            if self._link is not None:
                self.links[-1] = (self.links[-1][0], " ".join("".join(self._link).split()))
            self._link = None
            self._permalink = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._heading is not None and not self._permalink:
            self._heading[1].append(data)
        if self._link is not None:
            self._link.append(data)


def _article(site) -> _Article:
    parser = _Article()
    parser.feed((site / "binder.html").read_text(encoding="utf-8"))
    return parser


def key(text: str) -> str:
    """Text as the PDF can give it back: no white space (a line may wrap anywhere), no pictograph (❓ prints
    as an emoji image, which holds no text)."""
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "So")


@dataclass(frozen=True)
class Word:
    text: str  # key() of the word
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def h(self) -> float:
        return self.y1 - self.y0


@dataclass
class Page:
    words: list[Word]  # the body: everything above the footer
    footer: list[Word]  # the version and page-number line in the bottom margin


_NS = "{http://www.w3.org/1999/xhtml}"


def _pages(pdf) -> list[Page]:
    """Each PDF page's words (pdftotext -bbox-layout), the lowest line (the footer) apart."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    pages = []
    for page in ET.fromstring(xml.stdout).iter(_NS + "page"):
        words = [
            Word(key(w.text or ""), *(float(w.get(c)) for c in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iter(_NS + "word")
        ]
        words = [w for w in words if w.text]
        low = max(w.y0 for w in words)
        footer = [w for w in words if w.y0 > low - w.h / 2]
        pages.append(Page([w for w in words if w not in footer], footer))
    return pages


@pytest.fixture(scope="module")
def printed(site, base_url, chromium, request, tmp_path_factory) -> list[Page]:
    """binder.html printed to an A4 PDF by Chromium, as a reader's Ctrl+P with 'Save as PDF' does."""
    assert shutil.which("pdftotext"), "pdftotext is missing: run `bash scripts/setup --test` (poppler-utils)"
    guard = RequestGuard()
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    guard.attach(context)
    try:
        page = context.new_page()
        page.goto(base_url + "binder.html")
        pdf = tmp_path_factory.mktemp("paper") / "binder.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=False)
    finally:
        context.close()
        tally = request.config.stash[STASH_REQUESTS]
        tally["allowed"] += guard.allowed
        tally["blocked"] += guard.blocked
    assert guard.blocked == []
    return _pages(pdf)


def _rows(words: list[Word]) -> list[list[Word]]:
    """The words in visual lines, top to bottom: a table row's cells side by side make one line."""
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.y0, w.x0)):
        if rows and abs(w.y0 - rows[-1][0].y0) < w.h / 3:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [sorted(r, key=lambda w: w.x0) for r in rows]


# Words closer than this (times the word's height) on a line belong to one cell: a space is about 0.25,
# a space beside a code span about 0.5, the padding between two cells more than 1.
_SAME_CELL = 0.7


def _beside(a: Word, b: Word) -> bool:
    """Whether `b` follows `a` on its line within one cell."""
    return abs(b.y0 - a.y0) < a.h / 3 and -1 <= b.x0 - a.x1 <= _SAME_CELL * a.h


def _completes(text: str, done: int, last: Word, left: float, words: list[Word]) -> bool:
    """Whether `text[done:]` follows `last` in the PDF, and then the cell ends: word by word to the right on
    its line, or on the next line of the same column (a cell wraps inside its column, left-aligned at
    `left`)."""
    if done == len(text):
        return not any(_beside(last, w) for w in words)
    rest, h = text[done:], last.h
    for w in words:
        if not rest.startswith(w.text):
            continue
        next_line = h / 2 < w.y0 - last.y0 < 2.5 * h and abs(w.x0 - left) <= 1.5 * h
        if (_beside(last, w) or next_line) and _completes(text, done + len(w.text), w, min(left, w.x0), words):
            return True
    return False


def _printed_count(text: str, pages: list[Page]) -> int:
    """How many times `text` is printed whole as a cell: from a word it starts with that no word of the same
    line stands just before (a cell's first), read on as a cell reads, to a word no word follows closely."""
    return sum(
        _completes(text, len(w.text), w, w.x0, page.words)
        for page in pages
        for w in page.words
        if text.startswith(w.text) and not any(_beside(v, w) for v in page.words)
    )


def _line(y: float, *words: tuple[float, str]) -> list[Word]:
    """Words of one 10-point line at height y, each (x, text), 6 points wide per letter."""
    return [Word(key(t), x, y, x + 6 * len(t), y + 10) for x, t in words]


def test_a_cell_counts_when_printed_whole_as_a_cell():
    """The reading of the PDF itself: a wrapped cell reads on in its column; a cut cell, the same words in a
    sentence, or words of the next cell do not make a cell."""
    wrapped = _line(100, (0, "Level"), (60, "On-Call")) + _line(112, (60, "(Primary),")) + _line(124, (60, "CTO"))
    assert _printed_count(key("On-Call (Primary), CTO"), [Page(wrapped, [])]) == 1
    cut = _line(100, (60, "On-Cal")) + _line(112, (60, "(Primar"))
    assert _printed_count(key("On-Call (Primary)"), [Page(cut, [])]) == 0
    prose = _line(100, (0, "Owner:"), (39, "On-Call"), (84, "(Primary)"))
    assert _printed_count(key("On-Call (Primary)"), [Page(prose, [])]) == 0
    two_cells = _line(100, (0, "On-Call"), (60, "(Primary)"))  # 18 points apart: the padding between cells
    assert _printed_count(key("On-Call (Primary)"), [Page(two_cells, [])]) == 0


def test_every_table_cell_prints_whole_inside_the_margins(site, printed):
    """A cell cut off at the page's edge (or at a scroll box's: print has no scrollbar) is not in the PDF
    whole; a cell that runs into the margin has words outside the text area, which the footer spans."""
    cells = Counter(key(c) for c in _article(site).cells if key(c))
    assert len(cells) > 40 and "Pageatonce" in cells and "Responds" in cells
    missing = {c: n for c, n in cells.items() if _printed_count(c, printed) < n}
    assert missing == {}, f"table cells not printed whole (how often in the HTML): {missing}"
    outside = []
    for n, page in enumerate(printed, 1):
        left, right = min(w.x0 for w in page.footer), max(w.x1 for w in page.footer)
        outside += [(n, w.text) for w in page.words if w.x0 < left - 0.5 or w.x1 > right + 0.5]
    assert outside == [], f"(page, word) printed in the side margins: {outside}"


# What else titles what follows it: a label paragraph ("4. Restore:" above a command), a code block's file
# name, a box's title (folded or not).
_TITLES = [
    r"<p><strong>([^<]*)</strong></p>",  # a label paragraph: bold text alone (not "**If it fails:** …")
    r'<span class="filename">(.*?)</span>',
    r"<summary>(.*?)</summary>",
    r'<p class="admonition-title">(.*?)</p>',
]


def _titles(site) -> set[str]:
    """The text of every h1-h4 heading and every other title in the binder's article."""
    html = (site / "binder.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    found = [m for pattern in _TITLES for m in re.findall(pattern, article, flags=re.S)]
    return {key(h) for h in _article(site).headings.values()} | {
        key(page_text(f"<article>{t}</article>")) for t in found
    }


def test_no_heading_ends_a_printed_page(site, printed):
    """A heading (or a label, a code block's file name, a box's title) keeps with what follows it: the last
    lines of a page are never a title alone."""
    titles = _titles(site)
    assert len(titles) > 60
    assert {key("Severity at a glance"), key("4. Restore:")} <= titles
    alone = []
    for n, page in enumerate(printed, 1):
        rows = ["".join(w.text for w in row) for row in _rows(page.words)]
        alone += [(n, "".join(rows[-k:])) for k in (1, 2, 3) if "".join(rows[-k:]) in titles]
    assert alone == [], f"(page, title) printed last on the page, what it titles on the next: {alone}"


def _raw(name: str):
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


def test_no_link_leaves_the_binder(site):
    """On paper a link to another page leads nowhere: the binder links to its own sections, or to https sites;
    a link to a page it prints lands on that page's part."""
    article = _article(site)
    leaving = [href for href, _ in article.links if not href.startswith(("#", "https://"))]
    assert leaving == []
    inside = [(href[1:], text) for href, text in article.links if href.startswith("#")]
    assert len(inside) > 40
    assert [i for i, _ in inside if i not in article.ids] == []
    assert [i for i, n in Counter(article.ids).items() if n > 1] == [], "an id given twice: its links go to the first"
    # Link text -> the part it leads to, by hand: what the runbooks and the declaration link to elsewhere.
    parts = {"Placeholders": "Placeholders", "Post-Mortem Template": "Post-mortem template", "Alerting": "Alerting"}
    parts |= {"Scenarios": "Scenarios by symptom"}
    parts |= {t["name"]: "Responsibility matrix" for t in _raw("matrix.yaml")["incident_types"]}
    landed = {(text, article.headings.get(i)) for i, text in inside if text in parts}
    assert landed == {(text, parts[text]) for text, _ in landed}
    assert {"Placeholders", "Post-Mortem Template", "Alerting", "Scenarios"} <= {text for text, _ in landed}
    assert "Responsibility matrix" in {part for _, part in landed}, "a scenario's incident type links to the matrix"


def test_binder_carries_what_its_pages_link_to(site):
    """The binder prints what its runbooks point at: the placeholders, the responsibility matrix, the
    scenarios by symptom, the alerts and the post-mortem template (read from data/ with pyyaml)."""
    article = _article(site)
    contacts = _raw("contacts.yaml")
    names = {x["id"]: x["name"] for x in [*contacts["roles"], *contacts["teams"]]}
    rows = [tuple(r) for r in article.rows]
    starts = {r[:2] for r in rows} | {r[:4] for r in rows}
    ends = {(r[0], *r[-2:]) for r in rows}
    want_starts = [(f"${p['name']}", p["meaning"].replace("`", "")) for p in _raw("meta.yaml")["placeholders"]]
    want_starts += [
        (t["name"], names[t["primary"]], names[t["secondary"]], " + ".join(names[e] for e in t["escalation"]))
        for t in _raw("matrix.yaml")["incident_types"]
    ]
    scenarios = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((DATA_DIR / "scenarios").glob("*.yaml"))]
    want_ends = [(sc["title"], sc["severity"], names[sc["owner"]]) for sc in scenarios]  # the runbooks by symptom
    assert [r for r in want_starts if r not in starts] == []
    assert [r for r in want_ends if r not in ends] == []
    headings = list(article.headings.values())
    alerts = [f"{n}. {a['title']}" for n, a in enumerate(_raw("alerts.yaml")["alerts"], 1)]
    assert [a for a in alerts if a not in headings] == []
    text = page_text((site / "binder.html").read_text(encoding="utf-8"))
    template = [f"## {s['heading']}" for s in _raw("incident.yaml")["postmortem"]["sections"]]
    assert [t for t in template if t not in text] == []
