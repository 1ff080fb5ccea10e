"""Screenshots of the built site for the README: the home page, a search answering an incident query, and the
first screen of a runbook page (its first command is on it)."""

from __future__ import annotations

from pathlib import Path

from playbook_dev.browser import RequestGuard, launch, search, serve

SEARCH_QUERY = "login failures"


def shoot(browser, base_url: str, out_dir: Path, runbook: str) -> tuple[list[Path], RequestGuard]:
    """With a running Chromium, write home.png, search.png and runbook.png (the first screen of the page
    `runbook`, a path in the site) of the site at `base_url` into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    guard = RequestGuard()
    home, found, first = out_dir / "home.png", out_dir / "search.png", out_dir / "runbook.png"
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
    guard.attach(ctx)
    page = ctx.new_page()
    page.goto(base_url + "index.html")
    page.wait_for_selector("article")
    page.screenshot(path=str(home))
    search(page, SEARCH_QUERY)
    page.screenshot(path=str(found))
    page.goto(base_url + runbook)
    page.wait_for_selector("article")
    page.screenshot(path=str(first))
    ctx.close()
    return [home, found, first], guard


def first_runbook(site: Path) -> str:
    """The first scenario page of the built site (its path in the site)."""
    return sorted(site.glob("scenarios/*.html"))[0].relative_to(site).as_posix()


def take(site: Path, out_dir: Path) -> tuple[list[Path], RequestGuard]:
    """Serve `site`, start Chromium, and shoot (see `shoot`)."""
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            return shoot(browser, base, out_dir, first_runbook(site))
        finally:
            browser.close()
