"""Stop words never steer the search: the page drops them from the query before the theme's worker
gives every word a trailing wildcard ("in*" would find "Contact Information"), over http and file://."""

from __future__ import annotations

import pytest

from browser.search_eval import site_path
from playbook.adapters.mkdocs.search import stop_words
from playbook.site.search_words import FORMS_CLASS
from playbook_dev.browser import RequestGuard, search

QUERY = "find errors in logs"


def _without_stop_words(query: str) -> str:
    return " ".join(w for w in query.split() if w.lower() not in stop_words())


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        (QUERY, _without_stop_words(QUERY)),
        ("Who do I page", "page"),
        ("logs in, please", "logs please"),
        ("who is on", "who is on"),  # only stop words: sent as typed
        ('"log in" page', '"log in" page'),  # a quoted phrase: sent as typed
        ("errors in* logs", "errors in* logs"),  # an explicit prefix stays
    ],
)
def test_the_query_sent_to_the_worker_has_no_stop_words(base_url, page, typed, sent):
    page.goto(base_url + "index.html")
    assert page.evaluate("q => pbSearchQuery(q)", typed) == sent


@pytest.mark.parametrize("where", ["http", "file"])
def test_a_stop_word_changes_no_result(where, site, base_url, chromium):
    assert _without_stop_words(QUERY) != QUERY
    guard = RequestGuard(allow_file=where == "file")
    ctx = chromium.new_context()
    guard.attach(ctx)
    page = ctx.new_page()
    base = base_url if where == "http" else site.as_uri() + "/"
    page.goto(base + "index.html")

    def results(query):
        return [(site_path(h.page, base)[0], [site_path(s, base)[1] for s in h.sections]) for h in search(page, query)]

    typed, plain = results(QUERY), results(_without_stop_words(QUERY))
    ctx.close()
    assert typed, "the query finds something"
    assert typed == plain
    assert guard.blocked == []


def test_word_forms_are_indexed_but_never_shown(base_url, page):
    page.goto(base_url + "oncall.html")
    forms = page.locator(f".{FORMS_CLASS}")
    assert forms.count() > 0
    assert all(forms.nth(i).is_hidden() for i in range(forms.count()))
