"""Material for MkDocs' search: the stop words its bundled lunr drops, and whether the search plugin drops them."""

from __future__ import annotations

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
