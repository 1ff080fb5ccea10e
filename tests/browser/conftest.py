"""Browser fixtures: the built site served on 127.0.0.1, Debian's Chromium, a request guard per context."""

from __future__ import annotations

import pytest

from conftest import STASH_REQUESTS
from playbook_dev.browser import RequestGuard, launch, serve


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
