"""The binder works on paper: no link leads to another page of the site.

The expectations are read from the built binder.html (its tables' cells, its headings, its links) and from
data/ with pyyaml.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import yaml

from conftest import DATA_DIR, page_text


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
