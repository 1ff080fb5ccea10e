"""Screenshots of the built site for the README: the home page, and a search answering an incident query."""

from __future__ import annotations

from pathlib import Path

from playbook_dev.browser import RequestGuard, launch, search, serve

SEARCH_QUERY = "login failures"


def shoot(browser, base_url: str, out_dir: Path) -> tuple[list[Path], RequestGuard]:
    """With a running Chromium, write home.png and search.png of the site at `base_url` into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    guard = RequestGuard()
    home, found = out_dir / "home.png", out_dir / "search.png"
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
    guard.attach(ctx)
    page = ctx.new_page()
    page.goto(base_url + "index.html")
    page.wait_for_selector("article")
    page.screenshot(path=str(home))
    search(page, SEARCH_QUERY)
    page.screenshot(path=str(found))
    ctx.close()
    return [home, found], guard


def take(site: Path, out_dir: Path) -> tuple[list[Path], RequestGuard]:
    """Serve `site`, start Chromium, and shoot (see `shoot`)."""
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            return shoot(browser, base, out_dir)
        finally:
            browser.close()
