"""Opening site/index.html from disk (file://) gives a usable site with search, and fetches nothing."""

from __future__ import annotations

from playbook_dev.browser import RequestGuard, search


def test_file_url_site_is_usable_with_search(site, chromium, catalog):
    guard = RequestGuard(allow_file=True)
    ctx = chromium.new_context()
    guard.attach(ctx)
    page = ctx.new_page()
    page.goto((site / "index.html").as_uri())
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    sc = catalog.scenarios["database-down"]
    hits = search(page, sc.keywords[0])
    assert hits, "search answers on the file:// build"
    first = hits[0].page.split("?")[0]
    assert first == (site / "scenarios" / "database-down.html").as_uri()
    page.locator("a.md-search-result__link").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text().rstrip("¶").endswith(sc.title)
    assert page.locator('pre button.md-code__button[data-md-type="copy"]').count() > 0
    ctx.close()
    assert guard.allowed > 5
    assert guard.blocked == [], "nothing is fetched from another host (the iframe-worker shim is vendored)"
