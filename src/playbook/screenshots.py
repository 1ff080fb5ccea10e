"""Screenshots of the built site for the README: the home page, and a search answering an incident query."""

from __future__ import annotations

from pathlib import Path

from playbook.browser import RequestGuard, launch, search, serve

SEARCH_QUERY = "login failures"


def take(site: Path, out_dir: Path) -> tuple[list[Path], RequestGuard]:
    """Write home.png and search.png of `site` into `out_dir`; return them and the request guard used."""
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    guard = RequestGuard()
    home, found = out_dir / "home.png", out_dir / "search.png"
    with serve(site) as base, sync_playwright() as p:
        browser = launch(p)
        ctx = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
        guard.attach(ctx)
        page = ctx.new_page()
        page.goto(base + "index.html")
        page.wait_for_selector("pre button.md-code__button, article")
        page.screenshot(path=str(home))
        search(page, SEARCH_QUERY)
        page.screenshot(path=str(found))
        browser.close()
    return [home, found], guard
