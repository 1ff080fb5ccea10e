"""Drive the built site in Debian's headless Chromium: serve it on 127.0.0.1, block other hosts, search it."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOST = "127.0.0.1"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser that closes a page mid-download (a test ends) is no server error: say nothing of it."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # BrokenPipeError, ConnectionResetError
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 at a free port in a thread; yield its base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _QuietServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class RequestGuard:
    """Route every request: let 127.0.0.1 (and, when allowed, file://) through; abort and record the rest."""

    allow_file: bool = False
    aborted: list[str] = field(default_factory=list)
    seen_outside: list[str] = field(default_factory=list)
    allowed: int = 0

    @property
    def blocked(self) -> list[str]:
        """Every request for another host: those aborted, plus any the router never saw (e.g. from a worker)."""
        return self.aborted + [u for u in self.seen_outside if u not in self.aborted]

    def permits(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return True
        if parts.scheme == "file":
            return self.allow_file
        return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname == LOCAL_HOST

    def handle(self, route) -> None:
        url = route.request.url
        if self.permits(url):
            self.allowed += 1
            route.continue_()
        else:
            self.aborted.append(url)
            route.abort("blockedbyclient")

    def watch(self, request) -> None:
        """Also record requests the router never saw (e.g. from workers), so none goes uncounted."""
        if not self.permits(request.url):
            self.seen_outside.append(request.url)

    def attach(self, context) -> RequestGuard:
        context.route("**/*", self.handle)
        context.on("request", self.watch)
        return self


def launch(playwright):
    """Debian's Chromium, headless, with a fresh profile and background networking off."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(
            f"{CHROMIUM} is missing: run `bash scripts/setup --test` (it installs Debian's chromium)"
        )
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)


SEARCH_INPUT = "input.md-search__input"

# Resolves once the worker has answered the query as typed (not a prefix of it: pb-search.js marks the query a
# result answers) and the result list has stayed the same for a few animation frames since.
_SETTLED = """(query) => {
  const meta = document.querySelector('.md-search-result__meta');
  const input = document.querySelector('input.md-search__input');
  if (!meta || !input || input.value !== query) return false;
  if (!/matching document|No matching/i.test(meta.textContent)) return false;
  // The worker has answered the query as typed (a site whose pb-search.js predates the mark: frames alone).
  if ('pbSearchAnswered' in window && window.pbSearchAnswered !== query) return false;
  const list = document.querySelector('.md-search-result__list');
  const snap = meta.textContent + '|' + (list ? list.innerHTML.length : 0);
  const st = window.__pbSearch || (window.__pbSearch = {snap: '', same: 0});
  if (st.snap === snap) { st.same += 1; } else { st.snap = snap; st.same = 0; }
  return st.same >= 5;
}"""

# The result list is empty: the theme shows its placeholder, no count of matching documents.
_EMPTY = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  return !!meta && !/matching document|No matching/i.test(meta.textContent);
}"""

# Forget the last list's settling and the query it answered (the same query typed twice must be answered again).
_FORGET = "window.__pbSearch = undefined; if ('pbSearchAnswered' in window) window.pbSearchAnswered = null"

_RESULTS = """() => [...document.querySelectorAll('.md-search-result__item')].map(li => ({
  page: li.querySelector('a.md-search-result__link').getAttribute('href'),
  sections: [...li.querySelectorAll('a.md-search-result__link')].slice(1).map(a => a.getAttribute('href')),
  shown: [...li.querySelectorAll('a.md-search-result__link')].slice(1).filter(a => !a.closest('details')).length,
}))"""


@dataclass
class Hit:
    """One result item: its page link, its section links best first, how many are shown unfolded."""

    page: str
    sections: list[str]
    shown: int = 0


def search(page, query: str, typed: bool = True) -> list[Hit]:
    """Type `query` into the search box like a person; return the ranked result items (page, then sections).

    typed=False pastes all but the last letter and types that one, as a person who pastes a query does:
    the theme searches once (on the key), not once a letter, which is 3 to 4 times faster and ranks alike.
    The box is emptied first and the list seen empty, so no result of the query before can pass for it."""
    box = page.locator(SEARCH_INPUT)
    box.click()
    if typed:
        box.fill("")
        page.evaluate(_FORGET)
        box.press_sequentially(query)
    else:
        box.fill("x")
        box.press("Backspace")  # the theme searches on a key: an empty box clears the list
        page.wait_for_function(_EMPTY, polling="raf")
        page.evaluate(_FORGET)
        box.fill(query[:-1])
        box.press(query[-1])
    page.wait_for_function(_SETTLED, arg=query, polling="raf")
    return [Hit(r["page"], r["sections"], r["shown"]) for r in page.evaluate(_RESULTS)]
