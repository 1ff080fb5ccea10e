"""Browser fixtures: the built site served on 127.0.0.1, Debian's Chromium, a request guard per context."""

from __future__ import annotations

import pytest

from playbook_dev.browser import RequestGuard, launch, serve

STASH_SEARCH = pytest.StashKey[dict]()
STASH_REQUESTS = pytest.StashKey[dict]()


def pytest_configure(config):
    config.stash[STASH_SEARCH] = {}
    config.stash[STASH_REQUESTS] = {"allowed": 0, "blocked": []}


@pytest.fixture(scope="session")
def base_url(site):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)  # raises (the test fails) when /usr/bin/chromium is missing
        yield browser
        browser.close()


@pytest.fixture
def guard(request):
    g = RequestGuard()
    yield g
    tally = request.config.stash[STASH_REQUESTS]
    tally["allowed"] += g.allowed
    tally["blocked"] += g.blocked


@pytest.fixture
def context(chromium, guard):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900})
    guard.attach(ctx)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


def pytest_terminal_summary(terminalreporter, config):
    tally = config.stash.get(STASH_REQUESTS, None)
    lines = list(config.stash.get(STASH_SEARCH, {}).get("lines", []))
    if tally and (tally["allowed"] or tally["blocked"]):
        left = len(tally["blocked"])
        lines.append(f"browser requests: {tally['allowed']} to 127.0.0.1, {left} blocked that would have left it")
        lines += [f"  blocked: {u}" for u in tally["blocked"][:20]]
    if lines:
        terminalreporter.write_sep("-", "incident-time use in Chromium")
        for line in lines:
            terminalreporter.write_line(line)
