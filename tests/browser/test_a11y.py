"""Accessibility and phones: axe-core finds nothing serious; at 390x844 the prose needs no sideways scrolling."""

from __future__ import annotations

import pytest

PAGES = ["index.html", "severities.html", "scenarios/database-down.html"]


@pytest.mark.parametrize("rel", PAGES)
def test_no_serious_or_critical_axe_violations(base_url, page, rel):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(base_url + rel)
    page.wait_for_selector("pre button.md-code__button, article")
    results = Axe().run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert results.response["passes"], "axe ran its checks"
    assert bad == [], "\n".join(bad)


@pytest.mark.parametrize("rel", PAGES)
def test_phone_viewport_has_no_sideways_scrolling(chromium, guard, base_url, rel):
    ctx = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    guard.attach(ctx)
    page = ctx.new_page()
    page.goto(base_url + rel)
    width = page.evaluate("document.scrollingElement.scrollWidth")
    wide = page.evaluate(
        """() => [...document.querySelectorAll('article p, article li, article h1, article h2, article h3')]
          .filter(e => !e.closest('pre, table, .md-typeset__scrollwrap'))
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
          .map(e => e.textContent.slice(0, 60))"""
    )
    ctx.close()
    assert width <= 390
    assert wide == []
    assert guard.blocked == []
