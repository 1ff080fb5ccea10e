"""The findings of the rules that run no tool, kept in check's cache under a digest of every input they can read."""

# Why a kept finding is never stale: the key names everything such a rule's findings are a function of.
#   - Every file under the project root (data/, docs/, runbooks/, macros/, mkdocs.yml, alerts/, dashboards/, bench/,
#     tests/ with the fixtures the search rules read, src/ ...), by path and whole content, bar what no rule reads:
#     .git, __pycache__, the tool caches (.pytest_cache ...), the built site (site/, site.old/, .site-*), the
#     environments (.venv, venv, node_modules: only the tools rules run tsc) and this cache itself. The data folder
#     (--data, $PLAYBOOK_DATA) and the pages' folder are hashed too, wherever they are.
#   - The playbook package's own files wherever it is installed, the import path with the name (and so the version)
#     of every installed distribution on it (markdown, lemminflect, holidays ...), Python's and SQLite's versions.
#   - The options: the rules selected (a rule may skip work no selected rule needs), tools_required, the renderer
#     (by its own key: mkdocs.yml, its module, the libraries' versions) and the pages' kind, the folders' paths
#     (findings name files by them); and today's date (the policy rules read date.today()).
# Kept only: a rule with tools=False (the others run programs, which keep their own entries), that did not read the
# cache itself (its own entries, keyed by their inputs, are read again: a planted or torn entry is seen), that did
# not stop on an internal error, and that reads nothing but files (MACHINE: not PATH, not git's history).
# The catalog is the one loaded from those files: only `playbook check` passes a cache (cli/check.py).
# An entry that cannot be read back whole, in its exact shape, is a miss: every rule runs, and it is written again.

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playbook.checks import cache as pc
from playbook.errors import Problem

if TYPE_CHECKING:
    from collections.abc import Iterable

# The engine's CheckContext and Rule are `Any` here: the engine imports this module (no cycle, as the layers want).
CheckContext = Rule = Any

KIND = "findings"
# Never kept: what they find depends on more than files. DEST034 looks programs up on PATH (shutil.which); FRESH001
# reads the commits' dates (`git log`), which a commit changes without changing a file.
MACHINE = frozenset({"DEST034", "FRESH001"})
SKIPPED = frozenset({".git", "__pycache__", ".venv", "venv", "node_modules", ".pytest_cache", ".ruff_cache",
                     ".mypy_cache", ".hypothesis", ".tox"})  # fmt: skip
BUILT = ("site", "site.old", "build")  # at the root: what `playbook build` and packaging write (and .site-*)
PACKAGE = Path(__file__).resolve().parents[1]  # the playbook package, wherever it is installed
FIELDS = (str, int, int, str, str, str, str, str)  # a Problem's fields, in order


class _Watched:
    """The cache as one rule sees it: whether the rule read or wrote an entry of its own is remembered."""

    def __init__(self, cache: pc.Cache):
        self.cache, self.used = cache, False

    def get(self, kind: str, key: str) -> Any:
        self.used = True
        return self.cache.get(kind, key)

    def put(self, kind: str, key: str, value: Any) -> None:
        self.used = True
        self.cache.put(kind, key, value)

    def __getattr__(self, name: str) -> Any:
        self.used = True
        return getattr(self.cache, name)


class Kept:
    """The findings entry of one run of the checks: what it holds, and what this run adds to it."""

    def __init__(self, cache: pc.Cache, key: str):
        self.cache, self.key = cache, key
        self.held = _read(cache.get(KIND, key))
        self.found: dict[str, list[list]] = {}
        self.watched: dict[str, _Watched] = {}

    @classmethod
    def open(cls, ctx: CheckContext, selected: list[Rule]) -> Kept | None:
        """The entry for this run; None when a run's inputs cannot all be named (a renderer without a key)."""
        if ctx.cache is None or (ctx.render is not None and not isinstance(getattr(ctx.render, "key", None), bytes)):
            return None
        return cls(ctx.cache, run_key(ctx, [r.id for r in selected]))

    def hit(self, r: Rule) -> list[Problem] | None:
        """The findings kept for rule `r`, or None when it must run."""
        rows = self.held.get(r.id) if keeps(r) else None
        return None if rows is None else [Problem(*row) for row in rows]

    def context(self, ctx: CheckContext, r: Rule) -> CheckContext:
        """The context rule `r` runs with: its reads of the cache watched when its findings may be kept."""
        if not keeps(r) or ctx.cache is None:
            return ctx
        self.watched[r.id] = _Watched(ctx.cache)
        return replace(ctx, cache=self.watched[r.id])

    def ran(self, r: Rule, found: Iterable[Problem]) -> None:
        """Rule `r` ran whole: its findings are kept unless it read the cache, or one has a field of another type."""
        rows = [[getattr(p, f) for f in _NAMES] for p in found]
        if r.id in self.watched and not self.watched[r.id].used and all(_typed(row) for row in rows):
            self.found[r.id] = rows

    def save(self) -> None:
        """Write the entry when this run found what it did not hold (a failure to write is no error)."""
        if any(rid not in self.held for rid in self.found):
            self.cache.put(KIND, self.key, {**self.held, **self.found})


_NAMES = ("file", "line", "col", "rule", "message", "hint", "field", "level")


def keeps(r: Rule) -> bool:
    return not r.tools and r.id not in MACHINE


def _typed(row: list) -> bool:
    return all(type(v) is t for v, t in zip(row, FIELDS, strict=True))


def _read(value: Any) -> dict[str, list[tuple]]:
    """The entry's findings by rule, or none at all when any part of it has another shape (a torn or edited file)."""
    if not isinstance(value, dict):
        return {}
    out = {}
    for rid, rows in value.items():
        got = pc.rows(rows, *FIELDS)
        if not isinstance(rid, str) or got is None:
            return {}
        out[rid] = got
    return out


def run_key(ctx: CheckContext, selected: list[str]) -> str:
    """The key of a run's findings: its options, today's date and the digest of every file its rules can read."""
    project = ctx.catalog.project
    render = getattr(ctx.render, "key", b"") if ctx.render is not None else b"no renderer"
    pages = "no pages" if ctx.pages is None else f"{type(ctx.pages).__module__}.{type(ctx.pages).__qualname__}"
    options = [date.today().isoformat(), ",".join(selected), str(ctx.tools_required), pages, render]
    where = [str(project.root), str(project.data), str(project.docs)]
    runtime = [sys.version, sqlite3.sqlite_version, *sys.path, *_distributions()]
    skip = {Path(ctx.cache.folder).resolve().parent} if hasattr(ctx.cache, "folder") else set()
    trees = [project.root, project.data, project.docs, PACKAGE]
    return pc.key(KIND, "1", *options, *where, *runtime, files_digest(trees, skip))


def _distributions() -> list[str]:
    """The installed distributions on the import path, by name and version (their dist-info or egg-info folders)."""
    out = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        out += sorted(n for n in names if n.endswith((".dist-info", ".egg-info", ".egg-link", ".pth")))
    return out


def files_digest(trees: list[Path], skip: set[Path]) -> bytes:
    """A digest of every file under `trees` (by path and content), bar SKIPPED folders, BUILT ones at a tree's top
    and the folders in `skip`; a folder reached twice (a tree inside another, a link) is read once."""
    h = hashlib.sha256()
    seen: set[str] = set()
    for top in trees:
        for folder, dirs, files in os.walk(top, followlinks=True):
            real = os.path.realpath(folder)
            if real in seen or Path(real) in skip:
                dirs[:] = []
                continue
            seen.add(real)
            at_top = folder == str(top)
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED and not (at_top and _built(d)))
            for name in sorted(files):
                path = os.path.join(real, name)
                try:
                    with open(path, "rb") as f:
                        data = f.read()
                except OSError:
                    data = b"\0unreadable"
                for part in (path.encode(), data):
                    h.update(len(part).to_bytes(8, "big"))
                    h.update(part)
    return h.digest()


def _built(name: str) -> bool:
    return name in BUILT or name.startswith(".site-")
