"""A recording stand-in for the catalog (tests only): which data files a rendering really reads, to prove
the declarations of site.sources.SOURCES against it."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from playbook.data import files as registry
from playbook.data.catalog import Catalog

BY_ID = ("scenarios", "procedures")  # one file per item: an item read is its own file, a walk over them is all


class _Items(Mapping):
    """A catalog's scenarios or procedures: reading one records its file; walking them records every file."""

    def __init__(self, items: dict, reads: Reads):
        self._items, self._reads = items, reads

    def __getitem__(self, key):
        value = self._items[key]
        self._reads.add_item(key)
        return value

    def __contains__(self, key) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator:
        self._reads.add_all(self._items)
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


class Reads:
    """Wraps a Catalog; every model reached through it adds its data file (`data/…`, as findings name it)
    to `files`. Catalog methods and properties run against the wrapper, so what they read is recorded too;
    a memoized value replays the files its computation read."""

    _static: dict[str, Any] = {}

    def __init__(self, cat: Catalog):
        object.__setattr__(self, "_cat", cat)
        object.__setattr__(self, "files", set())
        object.__setattr__(self, "_memo_files", {})
        object.__setattr__(self, "_file_of", {f.part: cat.file(f) for f in registry.SINGLE})

    def reset(self) -> set[str]:
        """The files read since the last reset (and start afresh)."""
        files = self.files
        object.__setattr__(self, "files", set())
        return files

    def add_item(self, key: str) -> None:
        self.files.add(self._cat.source[key])

    def add_all(self, items) -> None:
        self.files.update(self._cat.source[k] for k in items)

    def memoized(self, key: Any, compute: Callable[[], Any]) -> Any:
        """The catalog's memoized value; the first time through here it is computed again (once), so the
        files it reads are known even when the catalog had it already, and they are replayed after."""
        known = self._memo_files
        if key in known:
            self.files.update(known[key])
            return self._cat.memoized(key, compute)
        outer = self.reset()
        try:
            value = compute()
        finally:
            known[key] = self.files
            object.__setattr__(self, "files", outer | self.files)
        return self._cat.memoized(key, lambda: value)

    def __getattr__(self, name: str) -> Any:
        if name not in Reads._static:
            Reads._static[name] = inspect.getattr_static(Catalog, name, None)
        static = Reads._static[name]
        if isinstance(static, property):
            return static.fget(self)
        if inspect.isfunction(static):
            return static.__get__(self)
        value = getattr(self._cat, name)
        if name in self._file_of:
            self.files.add(self._file_of[name])
        elif name in BY_ID:
            return _Items(value, self)
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("the catalog is read-only here")

    def __repr__(self) -> str:
        return f"<Reads of {self._cat!r}>"
