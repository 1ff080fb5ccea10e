"""The block tools' findings in the cache, each under a key of the tool's whole input (tools.results runs them).

The key holds the arguments the tool is given (the distinct blocks, the placeholders, the paths), the tool
itself (its binary's real path, size and time; tsc by its package), what else it reads (the schema, the
declarations, its configuration) and our code that runs it and reads its output. A missing tool is never
kept: the tool is run, and raises ToolMissing again.
"""

from __future__ import annotations

import functools
import json
import mimetypes
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from playbook.checks import cache as pc
from playbook.runbooks import blockcheck as bc
from playbook.runbooks import jqrun, toolcheck, values, vocab

Identity = list[str | bytes]


def cached(cache: pc.Cache | None, fn: Callable, tool: Callable[[], Identity | None]) -> Callable:
    """`fn` with its findings read from `cache` when the same input was checked before, and kept when not;
    `tool()` is what else they depend on, or None when the tool is missing (then `fn` runs, and raises)."""
    if cache is None:
        return fn

    @functools.wraps(fn)  # tools._guard names a failing tool by the function's name
    def run(*args):
        ident = tool()
        if ident is None:
            return fn(*args)
        k = pc.key("tools", fn.__name__, json.dumps(args, default=str), *ident, *_our_code())
        hit = pc.rows(cache.get("tools", k), int, int, int, str, str)
        if hit is not None:
            return [bc.ToolFinding(*row) for row in hit]
        found = fn(*args)  # ToolMissing, or a failure, goes up to tools._guard: nothing is kept
        cache.put("tools", k, [[f.block, f.line, f.col, f.message, f.code] for f in found])
        return found

    return run


@functools.cache
def _our_code() -> tuple[bytes, ...]:
    return tuple(Path(m.__file__).read_bytes() for m in (bc, jqrun, toolcheck, vocab, values))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _binary(path: str | None) -> Identity | None:
    """A tool's binary as found (its real path, size and time of change), or None when it is not there."""
    if not path:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [os.path.realpath(path), str(st.st_size), str(st.st_mtime_ns)]


def bash() -> Identity | None:
    return _binary(shutil.which("bash"))


def shellcheck() -> Identity | None:
    try:
        found = _binary(bc.shellcheck_cmd())
    except bc.ToolMissing:
        return None
    if found is None:
        return None
    config = [_read(Path.home() / ".shellcheckrc"), _read(Path.home() / ".config" / "shellcheckrc")]
    return [*found, os.environ.get("SHELLCHECK_OPTS", ""), *config]


def jq() -> Identity | None:
    found = _binary(shutil.which("jq"))
    return None if found is None else [*found, _read(Path.home() / ".jq")]  # ~/.jq: definitions any filter may use


def sqlite(schema: Path) -> Identity | None:
    return [sqlite3.sqlite_version, schema.read_bytes()] if schema.is_file() else None


def tsc(tsc: Path, declarations: Path) -> Identity | None:
    """tsc by its package.json (npm gives every file of a package the same time: the version tells them apart)."""
    if not tsc.exists():
        return None
    real = tsc.resolve()
    return [str(real), _read(real.parent.parent / "package.json"), _read(declarations)]


def vocab_tools() -> Identity | None:
    """What the tools' vocabularies are read from: curl, jq and the sqlite3 shell by their binaries, SQLite by its
    library, the media types by the system's list."""
    curl, jq = _binary(shutil.which("curl")), _binary(shutil.which("jq"))
    shell = _binary(shutil.which("sqlite3")) or []
    mime = [_read(Path(f)) for f in mimetypes.knownfiles if Path(f).is_file()]
    return None if curl is None or jq is None else [*curl, *jq, *shell, *mime, sqlite3.sqlite_version]
