"""The cache of `playbook check` (.playbook_cache/): findings kept under a hash of everything they depend on."""

# Hand-written, not diskcache: the need is a few dozen small JSON files, each written once under a key that
# names its whole input (so never updated in place, never locked, never evicted), read back by key. diskcache
# (last release 2023) brings SQLite, pickle and eviction policies for that, and a pickle read from a folder
# inside the checkout would run whatever code it holds; a JSON file written to a temporary name and
# renamed over (os.replace) is read whole or not at all.
#
# Layout, as ruff's .ruff_cache:
#   .playbook_cache/CACHEDIR.TAG        backup tools skip the folder (https://bford.info/cachedir/)
#   .playbook_cache/.gitignore          "*": git ignores it wherever $PLAYBOOK_CACHE_DIR puts it
#   .playbook_cache/v1/<kind>/<key>.json  one entry, <key> a sha256; <kind> says whose: "secrets", "phones",
#                                         "rendered", "lemmas" and "tools" (a scan's, a tool's), "findings" (the
#                                         rules that run no tool: findings_cache.py)

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

CACHE_ENV = "PLAYBOOK_CACHE_DIR"  # puts the cache elsewhere (a CI cache folder, a tmp folder in the tests)
FORMAT = "v1"  # the layout and the entries' shape: a change starts a new folder beside the old one
TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by playbook check.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)


class Cache:
    """Entries by kind and key in `folder`; an entry that cannot be read back whole is a miss."""

    def __init__(self, folder: Path):
        self.folder = folder

    @classmethod
    def open(cls, folder: Path, environ: Mapping[str, str] = os.environ) -> Cache | None:
        """The cache in `folder` (the project's, `Project.cache`; or $PLAYBOOK_CACHE_DIR), made if need be;
        None when it cannot be made (a read-only checkout): the caller then works without it."""
        top = Path(environ.get(CACHE_ENV) or folder)
        try:
            (top / FORMAT).mkdir(parents=True, exist_ok=True)
            for name, text in (("CACHEDIR.TAG", TAG), (".gitignore", "*\n")):
                if not (top / name).is_file():
                    _write(top / name, text.encode())
        except OSError:
            return None
        return cls(top / FORMAT)

    def get(self, kind: str, key: str) -> Any:
        """The entry's value, or None when it is missing, unreadable or not JSON."""
        try:
            return json.loads((self.folder / kind / f"{key}.json").read_bytes())
        except (OSError, ValueError):  # ValueError: bad JSON or bad UTF-8 (a torn or edited file)
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store `value` (JSON) atomically; a failure to write is no error (the next run computes it again)."""
        try:
            (self.folder / kind).mkdir(exist_ok=True)
            _write(self.folder / kind / f"{key}.json", json.dumps(value, separators=(",", ":")).encode())
        except OSError:
            pass


def _write(path: Path, data: bytes) -> None:
    """`data` into `path` whole or not at all: written to a temporary file beside it, then renamed over it."""
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def key(*parts: str | bytes) -> str:
    """A sha256 of `parts`, each length-prefixed so that no two different lists of parts run together alike."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def rows(value: Any, *types: type) -> list[tuple] | None:
    """`value` as a list of tuples of exactly `types` (bool is no int), or None when it has another shape."""
    if not isinstance(value, list):
        return None
    out = []
    for row in value:
        if not (isinstance(row, list) and len(row) == len(types)):
            return None
        if any(type(v) is not t for v, t in zip(row, types, strict=True)):
            return None
        out.append(tuple(row))
    return out
