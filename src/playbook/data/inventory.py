"""What the data folder may hold: every file in it is read or refused (LOAD007), every value within its size (LOAD008).

The size limits, in one place: the longest value of the real data is a code block of 1,449 characters
(rollback's salvage script) and its longest prose 407 characters (a decision); a limit about five times those
leaves room to grow and stops a paste (a log, a whole document) from being published as a step's text.
"""

from __future__ import annotations

import os
from pathlib import Path

from playbook.data import files as registry
from playbook.errors import DataError, Problem, dotted

CODE_MAX = 8_000  # characters of a code block (a `code` field)
TEXT_MAX = 2_000  # characters of any other value or mapping key
MOVED = "move it out of the data folder, or delete it"


def limit(path: tuple) -> int:
    """The size limit of the value at `path` (raw YAML keys)."""
    return CODE_MAX if path and path[-1] == "code" else TEXT_MAX


def check_sizes(long: list[tuple[tuple, int, bool]], rel: str, where) -> None:
    """DataError with a LOAD008 for each (path, length, is a key) of `rel` over its limit, at its line
    (`where(path)`); the loader lists the strings over the least limit as it reads them."""
    problems = []
    for path, length, key in long:
        most = TEXT_MAX if key else limit(path)
        if length <= most:
            continue
        message = f"a {'key' if key else 'value'} of {length:,} characters, over the limit of {most:,}"
        hint = "shorten it: link to a page, a file or an address for the rest"
        problems.append(Problem(rel, *where(path), "LOAD008", message, hint, dotted(path)))
    if problems:
        raise DataError(problems)


def stray_files(data: Path, app: tuple[Path, ...], rel) -> list[Problem]:
    """LOAD007 at line 1 of every file under `data` that nothing reads: the data files of the registry, the
    runbook folders' *.yaml, the JSON Schemas of data/schema/ and the stand-in contract `app`. Hidden files
    and editor backups (`.name`, `name~`) are left alone: editors write them beside the file being edited."""
    known = {data / spec.name for spec in registry.ALL if not spec.folder}
    known |= {data / "schema" / spec.schema_file for spec in registry.ALL}
    known |= set(app)
    folders = {data / spec.name: spec for spec in registry.FOLDERS}
    out = []
    for top, dirs, names in os.walk(data):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(top) / name
            if name.startswith(".") or name.endswith("~") or path in known:
                continue
            spec = folders.get(path.parent)
            if spec and name.endswith(".yaml"):
                continue
            out.append(Problem(rel(path), 1, 1, "LOAD007", _why(path, data, spec), _hint(path, spec)))
    return out


def _why(path: Path, data: Path, spec) -> str:
    if spec:
        return f"a file the playbook does not read: {spec.name} are read from *.yaml files only"
    return f"a file the playbook does not read in {path.parent.relative_to(data.parent)}/"


def _hint(path: Path, spec) -> str:
    if spec and path.suffix in (".yml", ".YAML", ".Yaml", ".YML"):
        return f"rename it to {path.stem}.yaml"
    if spec:
        return f"a {spec.name.rstrip('s')} is a .yaml file; otherwise {MOVED}"
    if path.suffix in (".yml", ".yaml"):
        names = ", ".join(spec.name for spec in registry.ALL if not spec.folder)
        return f"the data files are {names}; a runbook goes into scenarios/ or procedures/; otherwise {MOVED}"
    return MOVED
