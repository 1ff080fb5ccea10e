"""Material for MkDocs' search: the stop words its bundled lunr drops (and whether the search plugin drops them),
and the private message protocol of its search worker that the query rewriter relies on."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

_WORKERS = Path("templates/assets/javascripts/workers")
_STOP_LIST = re.compile(r"stopWordFilter\s*=\s*[\w.]+\.generateStopWordFilter\(\[([^\]]*)\]\)")


@cache
def stop_words(theme_dir: str | None = None) -> tuple[str, ...]:
    """The stop words lunr's stopWordFilter drops from the index, read from Material's search worker."""
    if theme_dir is None:
        import material

        theme_dir = str(Path(material.__file__).parent)
    workers = sorted((Path(theme_dir) / _WORKERS).glob("search*.js"))
    for worker in workers:
        m = _STOP_LIST.search(worker.read_text(encoding="utf-8"))
        if m:
            return tuple(w.strip().strip("\"'") for w in m.group(1).split(",") if w.strip())
    raise RuntimeError(
        f"no lunr stop-word list in {theme_dir}/{_WORKERS}/search*.js: the theme changed how it bundles lunr;"
        " update _STOP_LIST in src/playbook/adapters/mkdocs/search.py"
    )


def query_stop_words(plugins) -> list[str]:
    """The stop words to drop from a query: lunr's, as long as the search plugin's pipeline drops them
    from the index (the default for English); none when its `pipeline` leaves stopWordFilter out."""
    search = plugins.get("material/search") or plugins.get("search")
    pipeline = search.config.get("pipeline") if search else None
    return list(stop_words()) if pipeline is None or "stopWordFilter" in pipeline else []


# The theme's private protocol with its search worker, which docs/assets/pb-search.js relies on: the page posts
# {type: QUERY, data: query} to the worker, which answers {type: RESULT, data: {items}}; the numbers are the
# members of the theme's `const enum SearchMessageType` (compiled away: only its source map names them).
_ENUM = re.compile(r"enum\s+SearchMessageType\s*\{([^}]*)\}")
_SENT = "search worker message numbers"


def _theme(theme_dir: str | None) -> Path:
    if theme_dir is None:
        import material

        return Path(material.__file__).parent
    return Path(theme_dir)


def message_numbers(theme_dir: str | None = None) -> dict[str, int]:
    """{member: number} of the theme's SearchMessageType, read from its bundle's source map (a const enum
    numbers its members in order); empty when no source map holds it."""
    scripts = _theme(theme_dir) / "templates/assets/javascripts"
    for source_map in sorted(scripts.glob("bundle*.js.map")):
        for text in json.loads(source_map.read_text(encoding="utf-8")).get("sourcesContent") or []:
            m = _ENUM.search(text or "")
            if m:
                names = [re.sub(r"/\*.*?\*/", "", part).strip() for part in m.group(1).split(",")]
                return {name: n for n, name in enumerate(n for n in names if n)}
    return {}


def protocol_problems(rewriter: str, theme_dir: str | None = None) -> list[str]:
    """Why the query rewriter (`rewriter`: pb-search.js's text) would no longer reach the installed theme's
    search worker, each naming its cause; empty when it still does. A theme update that renumbers the
    messages, or bundles lunr's stop words differently, would otherwise switch search back to plain lunr
    without a word."""
    theme = _theme(theme_dir)
    scripts = theme / "templates/assets/javascripts"
    problems = []
    numbers = message_numbers(str(theme))
    ours = {name: int(m.group(1)) for name in ("QUERY", "RESULT") if (m := re.search(rf"\b{name} = (\d+)", rewriter))}
    if not numbers:
        problems.append(f"{_SENT}: no SearchMessageType enum in the source maps of {scripts}/bundle*.js")
    for name, n in ours.items():
        if numbers and numbers.get(name) != n:
            problems.append(
                f"{_SENT}: pb-search.js sends {name} = {n}, the theme's SearchMessageType.{name} is {numbers.get(name)}"
            )
    if set(ours) != {"QUERY", "RESULT"}:
        problems.append(f"{_SENT}: pb-search.js declares no QUERY or RESULT number")
    query, result = ours.get("QUERY"), ours.get("RESULT")
    bundle = "".join(p.read_text(encoding="utf-8") for p in sorted(scripts.glob("bundle*.js")))
    worker = "".join(p.read_text(encoding="utf-8") for p in sorted((scripts / "workers").glob("search*.js")))
    if not re.search(rf"\.next\(\{{type:{query},data:\w+\}}\)", bundle):
        problems.append(f"{_SENT}: the theme's bundle posts no query as {{type:{query},data:…}}")
    if not re.search(rf"\.type==={result}\b", bundle):
        problems.append(f"{_SENT}: the theme's bundle reads no result as type {result}")
    if not re.search(rf"case {query}:.{{0,60}}?\{{type:{result},data:", worker):
        problems.append(f"{_SENT}: the theme's worker answers no query (type {query}) with a result (type {result})")
    try:
        stop = stop_words(str(theme))
    except RuntimeError as e:
        problems.append(f"lunr stop words: {e}")
    else:
        if not {"the", "and", "who"} <= set(stop):
            problems.append(f"lunr stop words: the list read from the theme's worker is not lunr's ({stop[:5]}…)")
    return problems
