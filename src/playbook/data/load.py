"""Read the YAML data with positions, validate it with the models, and expand its templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from playbook import project as projects
from playbook.data import files as registry
from playbook.data import inventory, messages, syntax, truncated
from playbook.data.catalog import Catalog
from playbook.data.positions import Positions, locate, longest_line
from playbook.errors import DataError, Problem


def _is_template(text: str) -> bool:
    return "{{" in text or "{%" in text


def _templated_paths(data: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(data, str):
        return [path] if _is_template(data) else []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    return [p for k, v in items for p in _templated_paths(v, path + (k,))]


_STR, _MERGE = "tag:yaml.org,2002:str", "tag:yaml.org,2002:merge"


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys instead of silently keeping the last one, and merge keys."""


# A merge key (`<<: *anchor`) is YAML 1.1's alone: PyYAML copies the anchored mapping's keys in, YAML 1.2 readers
# (the editor's yaml-language-server, the JS and Go libraries) see one key named "<<". Refused, at its line.
MERGE_KEY = "a merge key (<<: *anchor)"


def _refuse_merge(key_node: yaml.Node) -> None:
    if key_node.tag == _MERGE:
        raise yaml.constructor.ConstructorError(None, None, MERGE_KEY, key_node.start_mark)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, yaml.Node] = {}
    for key_node, _ in node.value:
        _refuse_merge(key_node)
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first at line {seen[key].start_mark.line + 1})", mark
            )
        seen[key] = key_node
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _CLoader(getattr(yaml, "CSafeLoader", _Loader)):
    """The same loader on libyaml's parser when PyYAML has it (same nodes and marks, several times faster)."""


_CLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _parse(text: str, loader_cls: type) -> tuple[Any, Positions]:
    """Compose the node tree once, then build the data and every node's position in one walk of it."""
    loader = loader_cls(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Positions()
        positions = Positions()
        try:
            return _Builder(loader, positions).build(node, ()), positions
        except _Unusual:  # merge keys or recursive aliases: PyYAML's own constructor, then the positions
            data = loader.construct_document(node)
            positions = _positions(node, out=Positions())
            positions.templated = _templated_paths(data)
            return data, positions
    finally:
        loader.dispose()


class _Unusual(Exception):
    pass


class _Builder:
    """Plain data from composed nodes, like SafeLoader but without its generic machinery (the hot path
    of loading a large playbook): strings as they are, other scalars through PyYAML's constructors,
    duplicate keys refused, and each node's (line, column) recorded under its path of raw keys."""

    def __init__(self, loader, positions: Positions):
        self.loader, self.positions, self.done, self.open = loader, positions, {}, set()

    def build(self, node: yaml.Node, path: tuple) -> Any:
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            if node.tag != _STR:
                value = self.loader.construct_object(node)
                self.positions.typed_value(path, node, value)
                return value
            self.positions.text(path, node, inventory.TEXT_MAX)
            if "{" in node.value and _is_template(node.value):
                self.positions.templated.append(path)
            return node.value
        key = id(node)
        if key in self.done:  # an alias: the same object, as PyYAML gives; positions of the anchored nodes
            _positions(node, path, self.positions)
            self.positions.templated += _templated_paths(self.done[key], path)
            return self.done[key]
        if key in self.open:
            raise _Unusual
        self.open.add(key)
        if isinstance(node, yaml.SequenceNode):
            out: Any = [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
            inventory.measure_list(out, path, self.positions.long)
        else:
            out = self._mapping(node, path)
        self.open.discard(key)
        self.done[key] = out
        return out

    def _mapping(self, node: yaml.MappingNode, path: tuple) -> dict:
        out: dict = {}
        first: dict = {}
        for key_node, value_node in node.value:
            _refuse_merge(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Unusual
            k = key_node.value if key_node.tag == _STR else self.loader.construct_object(key_node)
            if k in first:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {k!r} (first at line {first[k]})", key_node.start_mark
                )
            first[k] = key_node.start_mark.line + 1
            if len(key_node.value) > inventory.TEXT_MAX:
                self.positions.long.append((path + (key_node.value,), len(key_node.value), "key"))
            out[k] = self.build(value_node, path + (key_node.value,))
            self.positions[path + (key_node.value,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return out


def _positions(node: yaml.Node, path: tuple = (), out: Positions | None = None) -> Positions:
    """Every node's (line, column) under its path of raw keys, from the node tree alone."""
    out = Positions() if out is None else out
    out[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
        out.text(path, node, inventory.TEXT_MAX)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and len(key.value) > inventory.TEXT_MAX:
                out.long.append((path + (key.value,), len(key.value), "key"))
            _positions(value, path + (key.value,), out)
            out[path + (key.value,)] = (key.start_mark.line + 1, key.start_mark.column + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _positions(item, path + (i,), out)
        inventory.measure_list([n.value if isinstance(n, yaml.ScalarNode) else n for n in node.value], path, out.long)
    return out


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
            data, positions = _parse(text, _CLoader)
        except yaml.YAMLError:  # report it with the pure-Python parser's wording and marks
            data, positions = _parse(text, _Loader)
    except yaml.reader.ReaderError as e:  # a control character: PyYAML gives its offset, not a line
        line = text[: e.position].count("\n") + 1
        col = e.position - text.rfind("\n", 0, e.position)
        message = f"invalid YAML: line {line} holds the control character U+{e.character:04X}, which YAML refuses"
        raise DataError([Problem(rel, line, col, "LOAD002", message, "remove it")]) from None
    except yaml.MarkedYAMLError as e:
        if "duplicate key" in (e.problem or ""):
            line, col = e.problem_mark.line + 1, e.problem_mark.column + 1
            problem = Problem(rel, line, col, "LOAD002", f"invalid YAML: {e.problem}", "keep each key once")
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
    cut = truncated.cut_short(model, data, positions)
    return messages.problems(errors, paths, model, rel, lambda path: locate(positions, path), known, cut)


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
    found += inventory.stray_files(root, (project.app_schema, project.ts_declarations), lambda f: _rel(f, base))
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
