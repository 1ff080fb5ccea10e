"""The harness itself: Debian's Chromium is required (a missing browser fails, never skips); the server is local."""

from __future__ import annotations

import http.server
import urllib.request

import pytest

from browser.search_eval import site_path
from playbook_dev import browser as b


def test_debian_chromium_is_installed():
    assert b.CHROMIUM.exists(), "run `bash scripts/setup --test`: it installs Debian's chromium"


def test_missing_chromium_is_an_error_not_a_skip(monkeypatch, tmp_path):
    monkeypatch.setattr(b, "CHROMIUM", tmp_path / "no-chromium")
    with pytest.raises(FileNotFoundError, match="scripts/setup --test"):
        b.launch(playwright=None)


def test_site_is_served_on_127_0_0_1_and_stops(site):
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
    with b.serve(site) as url:
        assert url.startswith("http://127.0.0.1:")
        with direct.open(url + "index.html", timeout=10) as resp:
            assert resp.status == 200
    with pytest.raises(OSError):
        direct.open(url + "index.html", timeout=2)


def test_guard_lets_only_127_0_0_1_through():
    g = b.RequestGuard()
    assert g.permits("http://127.0.0.1:8000/x")
    assert not g.permits("http://localhost:8000/x")
    assert not g.permits("https://unpkg.com/iframe-worker/shim")
    assert not g.permits("file:///tmp/x")
    assert b.RequestGuard(allow_file=True).permits("file:///tmp/x")


def test_the_server_is_quiet_about_a_browser_that_hangs_up_only(capsys):
    from playbook_dev.browser import _QuietServer

    server = _QuietServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    try:
        for error, loud in ((BrokenPipeError(32, "Broken pipe"), False), (ValueError("a real bug"), True)):
            try:
                raise error
            except Exception:
                server.handle_error(None, ("127.0.0.1", 1))
            err = capsys.readouterr().err
            assert ("Traceback" in err) is loud, err
    finally:
        server.server_close()


# Holds the worker's messages, in order, each 250 ms longer than the one before, as a worker slowed by a loaded
# machine does: after the last key the list shows each prefix's results in turn, each unchanged for many frames.
_SLOW_WORKER = """(() => {
  const listen = Worker.prototype.addEventListener;
  let held = 0;
  Worker.prototype.addEventListener = function (type, listener, options) {
    if (type !== "message" || typeof listener !== "function") return listen.apply(this, arguments);
    return listen.call(this, type, function (event) {
      held += 250;
      setTimeout(() => listener.call(this, event), held);
    }, options);
  };
})();"""


def test_search_returns_the_list_of_the_query_typed_not_of_a_prefix(base_url, chromium):
    """'error rate 30 percent' is SEV-2 (the ladder's number with a signal); its prefix 'error rate 30 perc' is
    typed last but one: with a slow worker the harness once took that prefix's settled list for the query's."""
    ctx = chromium.new_context()
    guard = b.RequestGuard().attach(ctx)
    try:
        ctx.add_init_script(_SLOW_WORKER)
        page = ctx.new_page()
        page.goto(base_url + "index.html")
        hits = b.search(page, "error rate 30 percent")
        answered = page.evaluate("window.pbSearchAnswered")
    finally:
        ctx.close()
    assert answered == "error rate 30 percent"
    first = [site_path(u, base_url) for u in (hits[0].page, hits[0].sections[0])] if hits else None
    assert first and first[0][0] == "severities.html" and first[1][1] == "sev-2", hits[:1]
    assert guard.blocked == []
