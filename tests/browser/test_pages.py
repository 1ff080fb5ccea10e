"""Every built page loads completely from 127.0.0.1 alone: styles, search box, copy buttons, nothing else fetched."""

from __future__ import annotations

from playbook_dev.browser import RequestGuard

# Complete: the theme's and the playbook's stylesheets are applied, the search box is there,
# and every code block carries its copy button (added by the theme's script after load).
_LOADED = """() => {
  const sheets = [...document.styleSheets].map(s => s.href || '');
  const styled = sheets.some(h => /stylesheets\\/main\\.[0-9a-f]+\\.min\\.css$/.test(h))
    && sheets.some(h => h.endsWith('assets/playbook.css'))
    && getComputedStyle(document.querySelector('.md-header')).position === 'sticky';
  const search = !!document.querySelector('input.md-search__input');
  const blocks = document.querySelectorAll('pre > code').length;
  const buttons = document.querySelectorAll('pre button.md-code__button[data-md-type="copy"]').length;
  return styled && search && buttons === blocks ? {blocks, buttons} : null;
}"""


def html_pages(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_every_page_loads_completely_with_nothing_leaving_127_0_0_1(site, base_url, page, guard):
    pages = html_pages(site)
    assert len(pages) > 15
    incomplete, code_blocks = [], 0
    for rel in pages:
        page.goto(base_url + rel, wait_until="load")
        try:
            counts = page.wait_for_function(_LOADED, timeout=10_000).json_value()
            code_blocks += counts["blocks"]
        except Exception as e:  # noqa: BLE001 - report which page, then fail
            incomplete.append(f"{rel}: {e}")
    assert incomplete == []
    assert code_blocks > 20, "the runbooks have code blocks, each with a copy button"
    assert guard.allowed > len(pages)
    print(f"{len(pages)} pages, {code_blocks} code blocks, {guard.allowed} requests to 127.0.0.1")
    assert guard.blocked == [], f"{len(guard.blocked)} requests would have left 127.0.0.1"


def test_guard_blocks_other_hosts(base_url, chromium):
    """The guard itself: a request for another host is aborted and counted (so zero above means zero)."""
    guard = RequestGuard()
    ctx = chromium.new_context()
    guard.attach(ctx)
    page = ctx.new_page()
    page.goto(base_url + "index.html")
    status = page.evaluate("fetch('https://example.invalid/x').then(r => r.status, e => 'failed: ' + e.message)")
    ctx.close()
    assert status.startswith("failed")
    assert guard.blocked == ["https://example.invalid/x"]
    assert guard.allowed > 0


_FIRST_COMMAND = """() => {
  const code = document.querySelector('article .highlight code');
  const line = code.getBoundingClientRect();
  return {top: Math.round(line.top), width: document.documentElement.scrollWidth, keywords:
    [...document.querySelectorAll('.pb-keywords')].filter(e => e.getBoundingClientRect().height > 0).length};
}"""


def test_first_command_of_every_scenario_is_above_the_fold(base_url, page, guard, catalog):
    """At 1280x800 the first line of the first command is on the first screen; on a phone nothing overflows."""
    for viewport, fold in (({"width": 1280, "height": 800}, 800 - 20), ({"width": 390, "height": 844}, None)):
        page.set_viewport_size(viewport)
        for sid in catalog.scenarios:
            page.goto(base_url + f"scenarios/{sid}.html")
            got = page.evaluate(_FIRST_COMMAND)
            assert got["keywords"] == 0, "search terms are for the search, not the reader"
            assert got["width"] <= viewport["width"], f"{sid}: the page is wider than a {viewport['width']} px screen"
            if fold:
                assert got["top"] < fold, f"{sid}: the first command starts at {got['top']} px, below the fold"
    assert guard.blocked == []
