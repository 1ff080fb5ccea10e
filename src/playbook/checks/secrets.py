"""Checker rule on secrets: no token, key or password in the data or the pages (Yelp's detect-secrets)."""

from __future__ import annotations

import functools
import importlib.util
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from playbook.checks import cache as pc
from playbook.checks.engine import CheckContext, Reporter, rule

# detect-secrets reads a file in pure Python (its YAML transformer, every plugin on every line): about
# 20 ms a file. From this many files on, the scan is split over one process per core.
PARALLEL_FROM = 64
PATTERNS = Path(__file__).with_name("secret_patterns.py")  # our plugin, loaded by detect-secrets by path


def scan(files: list[Path], cache: pc.Cache | None = None) -> list[tuple[Path, int, str]]:
    """(file, line, kind) of every potential secret, by detect-secrets' own detectors and filters plus ours.

    With a cache, only the files it holds no entry for are scanned."""
    if cache is None:
        return _scan_all(files)
    found, todo, keys = [], [], {}
    for f in files:
        k = _key(f)
        hit = pc.rows(cache.get("secrets", k), int, str) if k else None
        if hit is None:
            todo.append(f)
            keys[f] = k
        else:
            found += [(f, line, kind) for line, kind in hit]
    fresh = _scan_all(todo)
    for f in todo:  # an entry holds lines and kinds only: the file it is read back for names itself
        if keys[f] and _key(f) == keys[f]:  # not changed while it was scanned
            cache.put("secrets", keys[f], sorted((line, kind) for p, line, kind in fresh if p == f))
    return sorted({*found, *fresh})


def _key(file: Path) -> str | None:
    """What a file's findings depend on: its content and name (detect-secrets picks its transformer by the
    extension, and filters by the name: lock files, swagger), detect-secrets' version, our plugin, and this
    module (the plugins and settings used, the line a finding is moved to). None: the file cannot be read."""
    try:
        content = file.read_bytes()
    except OSError:
        return None
    return pc.key("secrets", str(file), content, *_scanner())


@functools.cache
def _scanner() -> tuple[bytes, bytes, bytes]:
    spec = importlib.util.find_spec("detect_secrets")  # found, not imported (40 ms): a warm run needs it not
    version = Path(spec.origin).with_name("__version__.py").read_bytes() if spec and spec.origin else b"?"
    return version, PATTERNS.read_bytes(), Path(__file__).read_bytes()


def _scan_all(files: list[Path]) -> list[tuple[Path, int, str]]:
    """_scan over `files`: in this process, or split over one process per core when there are many."""
    if not files:
        return []
    workers = min(os.cpu_count() or 1, len(files) // (PARALLEL_FROM // 2))
    if len(files) < PARALLEL_FROM or workers < 2:
        return _scan(files)
    # spawn, not fork: `check` runs the block tools in threads meanwhile, and a forked child inherits their locks
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        parts = pool.map(_scan, [files[i::workers] for i in range(workers)])
        return sorted({f for part in parts for f in part})


def _scan(files: list[Path]) -> list[tuple[Path, int, str]]:
    import inspect

    from detect_secrets import SecretsCollection
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.settings import default_settings, transient_settings

    from playbook.checks import secret_patterns

    with default_settings():
        builtin = [{"name": cls.__name__} for cls in get_mapping_from_secret_type_to_class().values()]
    ours = [
        {"name": cls.__name__, "path": f"file://{inspect.getfile(secret_patterns)}"}
        for cls in (
            secret_patterns.CommandLineSecretDetector,
            secret_patterns.CredentialDetector,
            secret_patterns.ClientCredentialDetector,
            secret_patterns.GroupedKeyDetector,
        )
    ]
    found = []
    with transient_settings({"plugins_used": [*builtin, *ours]}):
        get_mapping_from_secret_type_to_class.cache_clear()  # cached without our plugin by the call above
        collection = SecretsCollection()
        for f in files:
            collection.scan_file(str(f))
        for name, secrets in collection.data.items():
            lines = Path(name).read_text(encoding="utf-8").splitlines()
            found += [(Path(name), _line_of(lines, s.line_number, s.secret_value), s.type) for s in secrets]
    get_mapping_from_secret_type_to_class.cache_clear()
    return sorted(set(found))


def _line_of(lines: list[str], line: int, value: str | None) -> int:
    """The line that holds the secret: detect-secrets gives a YAML block scalar's key line for all of it, its
    keyword detector may take the rest of the block as the value (`hunter2 psql\nls`): then its first word, and
    its YAML transformer can give a line past a quoted flow value, or past the file's end: then the line nearest
    to the one it gave that holds the value."""
    for part in dict.fromkeys([value, (value or "").split("\n", 1)[0], *(value or "").split()[:1]]):
        if not part:
            continue
        for n in range(line - 1, len(lines)):
            if part in lines[n]:
                return n + 1
        before = [n for n in range(min(line - 1, len(lines))) if part in lines[n]]
        if before:
            return before[-1] + 1
    return min(line, len(lines)) or 1


def published_files(cat) -> list[Path]:
    """The files whose text is published: every data file (not the JSON Schemas) and every docs page."""
    data = cat.project.data
    return [p for p in sorted(data.rglob("*.yaml")) if "schema" not in p.relative_to(data).parts] + sorted(
        cat.project.docs.rglob("*.md")
    )


@rule(
    "SEC001",
    "error",
    "no token, key or password is written in the data or the pages",
    "What is in the data is published: a pasted token on the site is a leaked token.",
    "write the placeholder ($TOKEN) and keep the value in the environment; rotate a leaked secret",
)
def no_secrets(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    files = published_files(cat)
    by_line: dict[tuple[Path, int], list[str]] = {}
    for path, line, kind in scan(files, ctx.cache):
        by_line.setdefault((path, line), []).append(kind)
    for (path, line), kinds in by_line.items():  # one finding per line, naming every detector that fired
        yield report.at(cat.rel(path), line, 1, f"possible secret on this line ({', '.join(kinds)})")
