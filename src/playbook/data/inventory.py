"""What the data folder may hold: each file read or refused (LOAD007), in its place (LOAD010), values in size (LOAD008).

The size limits, in one place: the longest value of the real data is a code block of 1,449 characters
(rollback's salvage script) and its longest prose 407 characters (a decision); a limit about five times those
leaves room to grow and stops a paste (a log, a whole document) from being published as a step's text.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from playbook.data import files as registry
from playbook.data.files import DataFile
from playbook.data.suggest import closest, edit_distance
from playbook.errors import DataError, Problem, dotted

CODE_MAX = 8_000  # characters of a code block (a `code` field)
TEXT_MAX = 2_000  # characters of any other value or mapping key
LIST_MAX = 200  # items of a list of texts (the longest, a search concept's words, has 25)
MOVED = "move it out of the data folder, or delete it"


def limit(path: tuple) -> int:
    """The size limit of the value at `path` (raw YAML keys)."""
    return CODE_MAX if path and path[-1] == "code" else TEXT_MAX


def measure_list(items: list, path: tuple, long: list) -> None:
    """Record in `long` a list of texts of more than LIST_MAX items (a paste repeated into a list of keywords): no
    single item is over its limit, the list is."""
    if len(items) > LIST_MAX and all(isinstance(x, str) for x in items):
        long.append((path, len(items), "list"))


def check_sizes(long: list[tuple[tuple, int, str]], rel: str, where) -> None:
    """DataError with a LOAD008 for each (path, length, key | value | list) of `rel` over its limit, at its line
    (`where(path)`); the loader lists the strings over the least limit, and the long lists, as it reads them."""
    problems = []
    for path, length, kind in long:
        most = {"key": TEXT_MAX, "list": LIST_MAX}.get(kind) or limit(path)
        if length <= most:
            continue
        unit = "items" if kind == "list" else "characters"
        message = f"a {'list of texts' if kind == 'list' else kind} of {length:,} {unit}, over the limit of {most:,}"
        hint = "shorten it: link to a page, a file or an address for the rest"
        if kind == "list":
            hint = "keep each item once, and few: a paste repeated into a list is no list of words"
        problems.append(Problem(rel, *where(path), "LOAD008", message, hint, dotted(path)))
    if problems:
        raise DataError(problems)


def stray_files(data: Path, app: tuple[Path, ...], rel) -> list[Problem]:
    """LOAD007 at line 1 of every file under `data` that nothing reads: the data files of the registry, the
    runbook folders' *.yaml, the JSON Schemas of data/schema/ and the files `app` (the stand-in contract, the
    seed). Hidden files and editor backups (`.name`, `name~`) are left alone while the file being edited is beside
    them: a backup whose file is gone (renamed away, or the only copy left) is refused, since what it holds is no
    longer read."""
    known = {data / spec.name for spec in registry.ALL if not spec.folder}
    known |= {data / "schema" / spec.schema_file for spec in registry.ALL}
    known |= set(app)
    folders = {data / spec.name: spec for spec in registry.FOLDERS}
    out = []
    for top, dirs, names in os.walk(data):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(top) / name
            if name.startswith(".") or path in known or (name.endswith("~") and path.with_name(name[:-1]).exists()):
                continue
            spec = folders.get(path.parent)
            if spec and name.endswith(".yaml"):
                continue
            if not spec and (renamed := _renamed(path, data, rel)):
                out += renamed
                continue
            out.append(Problem(rel(path), 1, 1, "LOAD007", _why(path, data, spec), _hint(path, spec)))
            # A runbook under another name (.yml, a hidden character) no longer declares its id: found there too.
            if spec and canonical(name).endswith(".yaml") and (line := _id_line(path)):
                message = f"the {spec.name.rstrip('s')} declared here is not read: its file name is {name!r}"
                out.append(Problem(rel(path), line, 1, "LOAD007", message, _hint(path, spec), "id"))
    return out


_SCHEMA = re.compile(r"^#.*\$schema=\S*?([\w-]+)\.schema\.json")
_SCHEMA_SAYS = "its schema line says so"


def kind_of(path: Path) -> tuple[DataFile, str] | None:
    """The kind of data file a YAML file that nothing reads is, and how that is told: the schema its first line
    names, else the data file's name its own is near (`severity.yaml` for severities.yaml); None when neither."""
    try:
        head = path.read_text(encoding="utf-8").split("\n", 3)
    except (OSError, UnicodeError):
        return None
    schemas = {spec.schema: spec for spec in registry.ALL}
    for line in head:
        if (m := _SCHEMA.match(line)) and m[1] in schemas:
            return schemas[m[1]], _SCHEMA_SAYS
    names = {spec.name: spec for spec in registry.ALL if not spec.folder}
    name = canonical(path.name)
    guess = (name if name in names else closest(name, names)) if name.endswith(".yaml") else None
    return (names[guess], "by its name") if guess and _near(name, guess) else None


def _near(a: str, b: str) -> bool:
    """Whether file name `a` is `b` renamed: one edit apart, or the same word in another form (`severity` for
    `severities`: the first five letters, or all of the shorter one, kept); `notes` is no `routes`."""
    a, b = a.removesuffix(".yaml"), b.removesuffix(".yaml")
    keep = min(5, len(a), len(b))
    return edit_distance(a, b) <= 1 or a[:keep] == b[:keep]


def _renamed(path: Path, data: Path, rel) -> list[Problem]:
    """LOAD007 for a data file renamed or moved where nothing reads it: at line 1 with the name it had, and (when
    that file is gone, so its data is) at each top-level key, or at a runbook's `id:`; [] when it is no data file."""
    if path.name.endswith(".schema.json"):
        return _schema_renamed(path, data, rel)
    # Under another extension (contacts.json, set 15 M51) a file is a data file only by its schema line: that YAML
    # comment says the file still holds YAML, whatever its name now says.
    yaml_name = path.suffix.lower() in (".yaml", ".yml")
    if (found := kind_of(path)) is None or not (yaml_name or found[1] == _SCHEMA_SAYS):
        return []
    spec, how = found
    want = data / spec.name / path.name if spec.folder else data / spec.name
    if spec.folder:
        message = f"a {spec.schema} ({how}) where nothing reads it: {spec.name} are read from {rel(want.parent)}/"
    elif path.name == spec.name:  # moved into another folder
        message = f"{spec.name} is read from {rel(want.parent)}/, not from {rel(path.parent)}/"
    else:
        message = f"unknown file {path.name} under {rel(path.parent)}/: did you mean {spec.name}? "
        message += f"(a {spec.schema} file, {how})"
    hint = (
        f"move it: git mv {rel(path)} {rel(want)}" if not want.exists() else f"merge it into {rel(want)}, or delete it"
    )
    out = [Problem(rel(path), 1, 1, "LOAD007", message, hint)]
    if want.exists():
        return out
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeError):
        return out
    for n, line in enumerate(lines, 1):
        if (m := re.match(r"([A-Za-z_][\w-]*):(?:\s|$)", line)) and (not spec.folder or m[1] == "id"):
            what = f"the {spec.schema} declared here is" if spec.folder else f"this part of {spec.name} is"
            out.append(Problem(rel(path), n, 1, "LOAD007", f"{what} not read: this file is {rel(path)}", hint, m[1]))
    return out


def _schema_renamed(path: Path, data: Path, rel) -> list[Problem]:
    """LOAD007 for a generated JSON Schema renamed or moved (`scenarios.schema.json`): at line 1 with its name, and,
    the schema the data files name being gone, at each of its top-level keys."""
    names = {spec.schema_file: spec for spec in registry.ALL}
    guess = path.name if path.name in names else closest(path.name, names)
    if not guess or not _near(path.name.removesuffix(".schema.json"), guess.removesuffix(".schema.json")):
        return []
    want = data / "schema" / guess
    said = f"did you mean {guess}?" if guess != path.name else f"it is read from {rel(want.parent)}/"
    message = f"unknown schema {path.name} under {rel(path.parent)}/: {said} (line 1 of each {names[guess].schema} "
    message += "file names it)"
    if want.exists():
        return [Problem(rel(path), 1, 1, "LOAD007", message, f"delete it: playbook generate writes {rel(want)}")]
    hint = f"move it back: git mv {rel(path)} {rel(want)}, or run playbook generate, which writes it"
    out = [Problem(rel(path), 1, 1, "LOAD007", message, hint)]
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeError):
        return out
    for n, line in enumerate(lines, 1):
        if m := re.match(r' {2}"([^"]+)":', line):
            out.append(Problem(rel(path), n, 1, "LOAD007", f"not read: this file is {rel(path)}", hint, m[1]))
    return out


def canonical(name: str) -> str:
    """A file name as it was meant: without the spaces and invisible characters around it or before its extension,
    in its compatibility form (NFKC: no ligature, no fullwidth letter), its YAML extension `.yaml` (once)."""
    name = "".join(c for c in unicodedata.normalize("NFKC", name) if unicodedata.category(c) != "Cf").strip()
    stem, dot, ext = name.rpartition(".")
    if dot and ext.strip().lower() in ("yaml", "yml"):
        stem = stem.strip()
        while stem.lower().endswith((".yaml", ".yml")):
            stem = stem.rpartition(".")[0].strip()
        return f"{stem}.yaml"
    return name


def _id_line(path: Path) -> int:
    """The line of a runbook file's top-level `id:` key (0 when it has none, or is no text)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError):
        return 0
    return next((n for n, line in enumerate(lines, 1) if line.startswith("id:")), 0)


def _why(path: Path, data: Path, spec) -> str:
    if spec:
        return f"a file the playbook does not read: {spec.name} are read from *.yaml files only"
    return f"a file the playbook does not read in {path.parent.relative_to(data.parent)}/"


def _hint(path: Path, spec) -> str:
    if path.name.endswith("~"):
        return f"an editor's backup whose file is gone: rename it to {path.name.rstrip('~')}, or delete it"
    if spec and canonical(path.name).endswith(".yaml") and canonical(path.name) != path.name:
        why = _hidden(path.name)
        return f"rename it to {canonical(path.name)!r} ({why})" if why else f"rename it to {canonical(path.name)}"
    if spec:
        return f"a {spec.name.rstrip('s')} is a .yaml file; otherwise {MOVED}"
    if path.suffix in (".yml", ".yaml"):
        names = ", ".join(spec.name for spec in registry.ALL if not spec.folder)
        return f"the data files are {names}; a runbook goes into scenarios/ or procedures/; otherwise {MOVED}"
    return MOVED


def _keys(model) -> set[str]:
    return {f.alias or name for name, f in model.model_fields.items()}


def misplaced(model, data, rel: str, positions: dict | None = None) -> list[Problem]:
    """LOAD010 at line 1 when the file at `rel`, read as `model`, has the keys of another kind of data file (a
    scenario saved in procedures/, a copy of oncall.yaml among the runbooks): the kind whose keys it matches best,
    with fewer keys unknown there than here, and at a runbook's `id:` too. [] when its own kind fits it best (its
    findings are then per key)."""
    here = next((s for s in registry.ALL if s.model is model), None)
    if here is None or not isinstance(data, dict):
        return []
    keys = {str(k) for k in data}

    def fit(spec) -> tuple[int, int]:
        known = keys & _keys(spec.model)
        return len(known) - len(keys - known), len(known)

    best = max(registry.ALL, key=fit)
    unknown = sorted(keys - _keys(model))
    if best is here or len(unknown) < 2 or fit(best) <= fit(here) or len(keys - _keys(best.model)) >= len(unknown):
        return []
    top = Path(rel).parent.parent if here.folder else Path(rel).parent
    dest = top / best.name / Path(rel).name if best.folder else top / best.name
    shown = ", ".join(unknown[:4]) + (", …" if len(unknown) > 4 else "")
    a = {spec: "an" if spec.schema[0] in "aeiou" else "a" for spec in (best, here)}
    message = (
        f"this file has the keys of {a[best]} {best.schema} file ({shown}), not of {a[here]} {here.schema} file: "
        f"it belongs in {top / best.name}{'/' if best.folder else ''}"
    )
    hint = f"move it: git mv {rel} {dest.as_posix()}"
    out = [Problem(rel, 1, 1, "LOAD010", message, hint)]
    if best.folder and isinstance(data.get("id"), str) and positions and ("id",) in positions:
        said = f"the {best.schema} {data['id']} is in {Path(rel).parent.name}/, where {a[here]} {here.schema} goes"
        out.append(Problem(rel, positions[("id",)][0], 1, "LOAD010", said, hint, "id"))
    return out


def _hidden(name: str) -> str:
    """What a file name holds that a listing does not show (a space, an invisible or look-alike character), in words;
    '' when nothing is hidden (another extension shows)."""
    if name != name.strip() or any(c.isspace() for c in name.rpartition(".")[0][-1:]):
        return "its name holds a space the listing does not show"
    if any(unicodedata.category(c) == "Cf" for c in name):
        return "its name holds an invisible character"
    if unicodedata.normalize("NFKC", name) != name:
        return "its name holds a look-alike character (a ligature, a fullwidth letter)"
    return ""
