"""The HTTP side of `playbook serve`: the last good site, a failed rebuild's findings on every page, no waiting.

Requests are answered from files already built (`View.site`), never from a build in progress, so a request
during or after a failed rebuild answers at once. Every HTML page gets a small script that polls
`STATE_PATH` and reloads the page when the site is rebuilt or the findings change (live reload); while
the last rebuild failed, every page also opens with a banner listing its findings, HTML-escaped.
"""

from __future__ import annotations

import html
import json
import re
import socket
import sys
from dataclasses import dataclass
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

STATE_PATH = "/.playbook-serve/state.json"  # no page of the site starts with a dot: MkDocs skips such files
BANNER_ID = "pb-serve-findings"


@dataclass(frozen=True)
class Failure:
    """A rebuild that published nothing: what failed (one line) and why (the terminal's lines, located)."""

    summary: str
    lines: tuple[str, ...]
    at: str  # when (HH:MM:SS)


@dataclass(frozen=True)
class View:
    """What requests are answered from: the last good site (None before the first one), the failure of the
    last rebuild (None when it succeeded), and a number that changes whenever either changes."""

    site: Path | None = None
    built_at: str = ""
    failure: Failure | None = None
    generation: int = 0


class State:
    """The current View. Only the rebuilding thread replaces it, as a whole: a request reads one View."""

    def __init__(self) -> None:
        self.view = View()

    def published(self, site: Path, at: str) -> None:
        self.view = View(site, at, None, self.view.generation + 1)

    def failed(self, failure: Failure) -> None:
        old = self.view
        same = old.failure is not None and old.failure.lines == failure.lines
        self.view = View(old.site, old.built_at, failure, old.generation + (0 if same else 1))


_RELOAD = """<script>/* playbook serve: reload when the site is rebuilt or its findings change */
(function () {
  var seen = %d;
  function poll() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (s.generation !== seen) { location.reload(); } else { setTimeout(poll, 1000); }
    }, function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 1000);
})();
</script>
"""


def banner(view: View) -> str:
    """The failure of the last rebuild as a block of HTML (every finding escaped); empty when there is none."""
    failure = view.failure
    if failure is None:
        return ""
    if view.site is None:
        where = "Nothing could be built yet."
    else:
        where = f"This page is the last good build ({html.escape(view.built_at)}), not the data as it is now."
    findings = html.escape("\n".join(failure.lines), quote=False)
    return (
        f'<div id="{BANNER_ID}" role="alert" style="padding:.8rem 1.2rem;background:#b71c1c;color:#fff;'
        'font:15px/1.5 system-ui,sans-serif">'
        f"<strong>playbook serve: the rebuild of {html.escape(failure.at)} failed: "
        f"{html.escape(failure.summary, quote=False)}.</strong> "
        f"{where} Fix the lines below and save: the site rebuilds, and this page reloads by itself."
        '<pre style="margin:.6rem 0 0;padding:.6rem .8rem;background:#fff;color:#000;white-space:pre-wrap;'
        f'overflow:auto;max-height:60vh;font:13px/1.45 monospace">{findings}</pre></div>\n'
    )


def reload_script(view: View) -> str:
    return _RELOAD % (view.generation, STATE_PATH)


_BODY = re.compile(r"<body\b[^>]*>", re.I)


def decorate(page: str, view: View) -> str:
    """`page` with the failure banner first in its body (if the last rebuild failed) and the reload script."""
    top = banner(view)
    if top:
        m = _BODY.search(page)
        page = page[: m.end()] + top + page[m.end() :] if m else top + page
    end = page.rfind("</body>")
    script = reload_script(view)
    return page[:end] + script + page[end:] if end >= 0 else page + script


def waiting_page(view: View) -> str:
    """The answer before any build succeeded: the findings of the first one, or that it is still running."""
    body = banner(view) or "<p>playbook serve: building the site; this page reloads by itself when it is ready.</p>"
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>playbook serve</title></head>'
        f"<body>{body}{reload_script(view)}</body></html>\n"
    )


def state_json(view: View) -> dict:
    failure = view.failure
    return {
        "generation": view.generation,
        "built": view.site is not None,
        "built_at": view.built_at,
        "failure": None if failure is None else {"summary": failure.summary, "lines": list(failure.lines)},
    }


class Handler(SimpleHTTPRequestHandler):
    """Files of the current View's site; its HTML pages decorated; the state for the reload script."""

    server: Server

    def send_head(self):
        view = self.server.state.view
        path = urlsplit(self.path).path
        if path == STATE_PATH:
            return self._send(HTTPStatus.OK, json.dumps(state_json(view)), "application/json")
        if view.site is None:
            return self._send(HTTPStatus.SERVICE_UNAVAILABLE, waiting_page(view), "text/html; charset=utf-8")
        self.directory = str(view.site)
        target = Path(self.translate_path(self.path))
        if target.is_dir() and path.endswith("/"):
            target = target / "index.html"
        status = HTTPStatus.OK
        if not target.exists() and (view.site / "404.html").is_file():
            target, status = view.site / "404.html", HTTPStatus.NOT_FOUND
        if target.suffix == ".html" and target.is_file():
            try:
                page = target.read_text(encoding="utf-8")
            except OSError:  # an old site folder removed meanwhile: the stdlib's answer
                return super().send_head()
            return self._send(status, decorate(page, view), "text/html; charset=utf-8")
        return super().send_head()

    def _send(self, status: HTTPStatus, text: str, ctype: str) -> BytesIO:
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a rebuilt page is never answered from the cache
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass  # one line per request would bury the findings in the terminal


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str, port: int, state: State):
        self.state = state
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), Handler)

    def handle_error(self, request, client_address) -> None:
        """A browser that leaves mid-download is no server error: say nothing of it."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)
