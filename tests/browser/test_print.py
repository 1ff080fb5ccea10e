"""The on-call binder prints: Chromium print-to-PDF, then pdftoppm; every part is there, no code is cut off."""

from __future__ import annotations

import html as h
import re
import shutil
import subprocess
from pathlib import Path

import yaml

from conftest import DATA_DIR


def _title(path: Path) -> str:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["title"]


def _scenario(path: Path) -> str:
    sc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return f"Scenario {sc['number']}: {sc['title']}"


# The binder's parts in reading order, written by hand: what a responder needs first, the scenarios by number
# (their titles read from data/scenarios/*.yaml with pyyaml), the procedures, then what the runbooks point at.
PROCEDURES = ["How to Disable AI Quickly", "Log Access", "Rollback Strategy"]
PARTS = [
    "Severity at a glance",
    "Declare an incident",
    "Scenarios by symptom",
    "Escalation",
    "Contacts",
    "Responsibility matrix",
    "Placeholders",
    *sorted((_scenario(p) for p in (DATA_DIR / "scenarios").glob("*.yaml")), key=lambda t: int(t.split()[1][:-1])),
    *PROCEDURES,
    "Alerting",
    "Post-mortem template",
]

# In print media: no code block is wider than its box (print has no scrollbars), danger boxes keep a border.
_PRINT_LAYOUT = """() => {
  const cut = [...document.querySelectorAll('article pre')]
    .filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.textContent.slice(0, 60));
  const danger = [...document.querySelectorAll('article .admonition.danger')].map(d => getComputedStyle(d));
  return {cut, danger: danger.length, bordered: danger.filter(s => s.borderTopStyle === 'double'
      && s.borderTopColor === 'rgb(0, 0, 0)' && parseFloat(s.borderTopWidth) >= 2).length};
}"""


def test_binder_holds_the_playbook_in_reading_order(site):
    assert set(PROCEDURES) == {_title(p) for p in (DATA_DIR / "procedures").glob("*.yaml")}, "every procedure"
    html = (site / "binder.html").read_text(encoding="utf-8")
    parts = re.findall(r'<h2 class="pb-part" id="[^"]+">(.*?)<a class="headerlink"', html)
    assert [h.unescape(p) for p in parts] == PARTS


def test_binder_prints_to_pdf_cleanly(site, base_url, page, guard, catalog, tmp_path):
    page.goto(base_url + "binder.html")
    page.emulate_media(media="print")
    layout = page.evaluate(_PRINT_LAYOUT)
    assert layout["cut"] == [], "code cut off in print"
    destructive = sum(
        b.destructive
        for runbook in [*catalog.scenarios.values(), *catalog.procedures.values()]
        for step in runbook.steps
        for b in [*step.blocks, *(blk for o in step.options for blk in o.blocks)]
    )
    assert destructive > 0
    assert layout["danger"] == destructive
    assert layout["bordered"] == destructive, "danger boxes keep a black double border in black and white"
    pdf = tmp_path / "binder.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    assert guard.blocked == []
    assert pdf.read_bytes().startswith(b"%PDF")
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: run `bash scripts/setup --test` (poppler-utils)"
    subprocess.run([pdftoppm, "-png", "-r", "60", "-gray", str(pdf), str(tmp_path / "page")], check=True)
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) >= len(catalog.scenarios) + 4, "each part starts on its own page"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for sc in catalog.scenarios.values():
        assert sc.title in text
    assert "Destructive" in text


def test_every_printed_page_names_the_version_and_date(site, base_url, page, guard, tmp_path):
    """An incident record cites the binder it followed: each printed page's footer gives version and date."""
    stamp = re.search(r'<p class="pb-version">Playbook version <code>([^<]+)</code>, last updated ([^<]+)</p>',
                      (site / "binder.html").read_text(encoding="utf-8"))  # fmt: skip
    assert stamp
    page.goto(base_url + "binder.html")
    pdf = tmp_path / "binder.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    assert guard.blocked == []
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) > 5
    footer = f"Clinical OS playbook {stamp.group(1)}, last updated {stamp.group(2)}"
    for n, p in enumerate(pages, 1):
        assert footer in p, f"printed page {n} has no version footer"
        assert f"Page {n} of {len(pages)}" in p


def test_binder_opens_with_its_contents_in_page_order(site):
    html = (site / "binder.html").read_text(encoding="utf-8")
    toc = html[html.index('<div class="pb-toc">') : html.index("</div>", html.index('<div class="pb-toc">'))]
    links = re.findall(r'<li><a href="#([^"]+)">(.*?)</a></li>', toc)
    assert [h.unescape(t) for _, t in links] == PARTS
    ids = set(re.findall(r'<h2 class="pb-part" id="([^"]+)"', html))
    assert {a for a, _ in links} == ids


def test_binder_links_stay_inside_the_binder_for_what_it_prints(site, catalog):
    """On paper a link to rollback.html leads nowhere: what the binder prints, it links to inside itself."""
    html = (site / "binder.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    links = re.findall(r'href="([^"]+)"', article)
    printed = {"declare.html", "oncall.html", "contacts.html", "severities.html", "rollback.html", "logs.html"}
    printed |= {"disable-ai.html"} | {f"scenarios/{sid}.html" for sid in catalog.scenarios}
    leaving = [x for x in links if x.split("#")[0] in printed]
    assert leaving == []
    ids = set(re.findall(r'id="([^"]+)"', html))
    inside = [x[1:] for x in links if x.startswith("#")]
    assert len(inside) > 27 and set(inside) <= ids
