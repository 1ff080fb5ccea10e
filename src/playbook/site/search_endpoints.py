"""The app's endpoints as the search reads them: a path typed names its category's requests, the step that calls it
and the dashboard row that shows it."""

from __future__ import annotations

import re

from playbook.data.catalog import Catalog
from playbook.data.spelling import normal, words


def called_paths(cat: Catalog, blocks) -> list[str]:
    """The paths of the app's endpoints the blocks call: in a URL, after the base address's variable or a host
    (`"$BASE_URL{{ ep.metrics }}"`, `https://app.example.com/api/metrics`), by the template that names one or its
    path typed out. A path a log filter matches (`contains("{{ ep.notes }}")`) is no call; an external endpoint
    (the AI provider's) is no path of the app."""
    code = "\n".join(b.code for b in blocks)
    base = r"(?:\bBASE_URL\}?|https?://[^\s\"'/]+)"
    return [
        e.path
        for e in cat.data.endpoints
        if not e.external
        and re.search(rf"{base}(?:\{{\{{\s*ep\.{re.escape(e.id)}\s*\}}\}}|{re.escape(e.path)}(?![\w/-]))", code)
    ]


def endpoint_label(path: str) -> list[str]:
    """An endpoint a panel shows, as a reader asks for it: "endpoint" and its path's words ("/api/health/liveness":
    endpoint, health, liveness; the prefix every path shares left out)."""
    return ["endpoint", *(w for w in normal(words(path)) if w != "api")]


def api_paths(cat: Catalog) -> dict:
    """`endpoints`: [path, method, category] of each endpoint the app's clients call (under a rate limit; not the
    probes nor the metrics): a path typed names its category's requests; `methods`: the category each method's
    endpoints serve most (GET: read), which a method typed on another method's endpoint names ("GET /api/notes" is
    a read of the notes)."""
    ours = [e for e in cat.data.endpoints if e.category and not e.external]
    served: dict[str, list[str]] = {}
    for e in ours:
        served.setdefault(e.method, []).append(e.category)
    methods = {m: max(sorted(set(cs)), key=cs.count) for m, cs in served.items()}
    called = [[e.path.lower(), e.method, e.category] for e in ours if e.rate_limit]
    return {"endpoints": called, "methods": methods}
