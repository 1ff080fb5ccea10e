"""Read the YAML data with positions, validate it with the models, and expand its templates."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from playbook import project as projects
from playbook.data import files as registry
from playbook.data import inventory, lost_keys, messages, syntax, truncated
from playbook.data.catalog import Catalog
from playbook.data.positions import Positions, locate, longest_line
from playbook.data.yaml_parse import MERGE_KEY, CLoader, Loader, parse
from playbook.errors import DataError, Problem


def read_yaml(file: Path, rel: str, model: type[BaseModel] | None = None) -> tuple[Any, Positions]:
    """The data of a YAML file and its positions; DataError (LOAD001, LOAD002) located and in words (given
    the file's `model`, a syntax error is placed by the repair that makes the file read as that model)."""
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise DataError(
            [Problem(rel, 1, 1, "LOAD001", f"file is missing (looked for {file})", "restore it from git or create it")]
        ) from None
    try:
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as read_text() reads it
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        col = e.start - raw.rfind(b"\n", 0, e.start)
        message = f"invalid YAML: line {line} is not UTF-8 text (byte 0x{raw[e.start]:02x})"
        raise DataError([Problem(rel, line, col, "LOAD002", message, "save the file as UTF-8")]) from None
    try:
        try:
            data, positions = parse(text, CLoader)
        except yaml.YAMLError:  # report it with the pure-Python parser's wording and marks
            data, positions = parse(text, Loader)
    except yaml.reader.ReaderError as e:  # a control character: PyYAML gives its offset, not a line
        line = text[: e.position].count("\n") + 1
        col = e.position - text.rfind("\n", 0, e.position)
        message = f"invalid YAML: line {line} holds the control character U+{e.character:04X}, which YAML refuses"
        raise DataError([Problem(rel, line, col, "LOAD002", message, "remove it")]) from None
    except yaml.MarkedYAMLError as e:
        if "duplicate key" in (e.problem or ""):
            line, col = e.problem_mark.line + 1, e.problem_mark.column + 1
            problem = Problem(rel, line, col, "LOAD002", f"invalid YAML: {e.problem}", "keep each key once")
            if cut := commented_item(text, e.problem, line, col):
                message = (
                    f"invalid YAML: this comment hides only the `- ` line of a list item: its other keys join the "
                    f"item above ({e.problem} at line {line})"
                )
                hint = "comment out (or delete) every line of the item, or none"
                problem = Problem(rel, cut[0], cut[1], "LOAD002", message, hint)
        elif e.problem == MERGE_KEY:
            line, col = e.problem_mark.line + 1, e.problem_mark.column + 1
            message = (
                f"{MERGE_KEY}: only YAML 1.1 (PyYAML) copies the anchored mapping's keys in; YAML 1.2 readers (the "
                "editor) see one key named <<, and an edit of the anchored item would change this one unseen"
            )
            hint = "write this item's keys out in full, as every other item's are"
            problem = Problem(rel, line, col, "LOAD002", message, hint)
        else:
            d = syntax.diagnose(text, e, model)
            problem = Problem(rel, d.line, d.col, "LOAD002", f"invalid YAML: {d.message}", d.hint)
        raise DataError([problem]) from None
    inventory.check_sizes(positions.long, rel, lambda path: longest_line(positions, path, text))
    return data, positions


def commented_item(text: str, problem: str, line: int, col: int) -> tuple[int, int] | None:
    """(line, column) of the comment `# - key: …` between a duplicate key (at `line`, `col`) and its first
    occurrence that turned a list item's dash line into a comment: the item's other keys then join the item above,
    and the comment is the line to change. None when no such comment is there."""
    m = re.search(r"first at line (\d+)", problem)
    if not m:
        return None
    lines = text.split("\n")
    for n in range(line - 1, int(m[1]), -1):
        m = re.match(r"(\s*)#\s*(-) +[\w-]+:", lines[n - 1])
        if m and m.end(1) < col - 1 <= m.start(2) + 2:  # the keys under the hidden dash, not under the comment
            return n, m.end(1) + 1
    return None


def validate(
    model: type[BaseModel], data: Any, rel: str, positions: Positions, known: messages.Known | None = None
) -> BaseModel:
    """`data` as `model`, or DataError with one LOAD003 per wrong place, in words (`known(kind)`: the valid
    ids of a kind, for a did-you-mean)."""
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as e:
        raise DataError(_problems(e, model, data, rel, positions, known)) from None


def _problems(e: ValidationError, model, data: Any, rel: str, positions: Positions, known) -> list[Problem]:
    if wrong := inventory.misplaced(model, data, rel, positions):
        return wrong  # another kind of file: one finding, not one per key its model does not know
    errors = e.errors()
    paths = [_data_path(data if data is not None else {}, err["loc"], err["type"] == "missing") for err in errors]
    lost, carrier, start = lost_keys.lost_key(model, data, rel, positions)
    if lost:  # one finding where the key was, not one per key of each item that ran on into the list above
        gone = (lost[0].field,)  # the lost key itself is not missing: it is named where it was
        kept = [
            (err, p) for err, p in zip(errors, paths, strict=True) if p != gone and not _carried(p, (carrier,), start)
        ]
        errors, paths = [err for err, _ in kept], [p for _, p in kept]
    cut = truncated.cut_short(model, data, positions)
    where = functools.partial(locate, positions)
    return lost + messages.problems(errors, paths, model, rel, where, known, cut, getattr(positions, "starts", None))


def _carried(path: tuple, carrier: tuple, start: int) -> bool:
    """Whether `path` is inside an item of the list `carrier` from index `start` on (the items of a lost key)."""
    n = len(carrier)
    return path[:n] == carrier and len(path) > n and isinstance(path[n], int) and path[n] >= start


def _data_path(data: Any, loc: tuple, missing: bool = False) -> tuple:
    """The path of an error's location in the data itself: pydantic adds the member of a union it tried
    (`str`, `function-after[...]`, a model's name) to the location; those parts name no key of the data.

    Read against the data rather than matched by name, so a new union or validator needs no list here.
    A last part that names no key is kept when the error is a missing key: it is the field the error is about.
    """
    out: list = []
    node = data
    for i, part in enumerate(loc):
        if (
            isinstance(node, dict)
            and part in node
            or isinstance(node, list)
            and isinstance(part, int)
            and 0 <= part < len(node)
        ):
            node = node[part]
        elif isinstance(node, dict) and i == len(loc) - 1 and missing:
            pass  # a missing key: keep it
        else:
            continue  # a union member's tag, not a key of the data
        out.append(part)
    return tuple(out)


def load_catalog(data: Path | str | None = None, project: projects.Project | None = None) -> Catalog:
    """Load, validate and expand every data file of `project` (default: found from the current folder),
    or of the data folder `data` when given."""
    project = project or projects.find(data=data)
    if data:
        project = projects.Project(project.root, Path(data).resolve())
    root, base = project.data, project.data.parent
    if not root.is_dir():  # one line, not one per missing file
        hint = "give the folder that holds severities.yaml and the other data files (--data DIR or $PLAYBOOK_DATA)"
        raise DataError([Problem(str(root), 1, 1, "LOAD001", "the data folder does not exist", hint)])
    found: list = []  # Problems, and what failed its model: worded once every file is read
    parts: dict[str, Any] = {}
    positions: dict[str, Positions] = {}

    def one(file: Path, model: type[BaseModel]) -> BaseModel | None:
        rel = _rel(file, base)
        try:
            data, pos = read_yaml(file, rel, model)
        except DataError as e:
            found.extend(e.problems)
            return None
        positions[rel] = pos
        try:
            return model.model_validate(data if data is not None else {})
        except ValidationError as e:
            found.append((e, model, data, rel, pos))
            return None

    loaded: dict[str, str] = {}  # part -> the file (or folder) it was read from, as findings name it
    for spec in registry.SINGLE:
        loaded[spec.part] = _rel(root / spec.name, base)
        parts[spec.part] = one(root / spec.name, spec.model)
    for spec in registry.FOLDERS:
        folder = root / spec.name
        loaded[spec.part] = _rel(folder, base)
        files = sorted(folder.glob("*.yaml"), key=lambda f: f.name)
        if not files:
            found.append(Problem(loaded[spec.part], 1, 1, "LOAD001", "no YAML files found", "add one"))
        parts[spec.part] = [(f, one(f, spec.model)) for f in files]
    kept = (project.app_schema, project.ts_declarations, project.seed)
    found += inventory.stray_files(root, kept, lambda f: _rel(f, base))
    if found:  # a wrong id is worded with the valid ids of the other files: all of them are read first
        known = messages.known_ids(parts)
        raise DataError([p for x in found for p in ([x] if isinstance(x, Problem) else _problems(*x, known))])
    catalog = Catalog.build(parts, positions, loaded, base, lambda f: _rel(f, base), project)
    from playbook.data.expand import expand_catalog

    expand_catalog(catalog)
    from playbook.data.markup import markup_problems

    if problems := markup_problems(catalog):  # the one boundary between data and HTML (see markup.py)
        raise DataError(problems)
    return catalog


def _rel(file: Path, base: Path) -> str:
    if file.is_relative_to(base):  # the usual case (files found under the data folder): no resolving
        return str(file.relative_to(base))
    try:
        return str(file.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(file)
