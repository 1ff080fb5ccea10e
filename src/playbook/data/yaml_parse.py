"""Parse YAML with each value's position: the C parser where it can, duplicate and merge keys refused."""

from __future__ import annotations

from typing import Any

import yaml

from playbook.data import inventory
from playbook.data.positions import Positions


def _is_template(text: str) -> bool:
    return "{{" in text or "{%" in text


def templated_paths(data: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(data, str):
        return [path] if _is_template(data) else []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    return [p for k, v in items for p in templated_paths(v, path + (k,))]


_STR, _MERGE = "tag:yaml.org,2002:str", "tag:yaml.org,2002:merge"


class Loader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys instead of silently keeping the last one, and merge keys."""


# A merge key (`<<: *anchor`) is YAML 1.1's alone: PyYAML copies the anchored mapping's keys in, YAML 1.2 readers
# (the editor's yaml-language-server, the JS and Go libraries) see one key named "<<". Refused, at its line.
MERGE_KEY = "a merge key (<<: *anchor)"


def _refuse_merge(key_node: yaml.Node) -> None:
    if key_node.tag == _MERGE:
        raise yaml.constructor.ConstructorError(None, None, MERGE_KEY, key_node.start_mark)


def _construct_mapping(loader: Loader, node: yaml.MappingNode, deep: bool = False) -> dict:
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


Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class CLoader(getattr(yaml, "CSafeLoader", Loader)):
    """The same loader on libyaml's parser when PyYAML has it (same nodes and marks, several times faster)."""


CLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse(text: str, loader_cls: type) -> tuple[Any, Positions]:
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
            positions = positions_of(node, out=Positions())
            positions.templated = templated_paths(data)
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
            positions_of(node, path, self.positions)
            self.positions.templated += templated_paths(self.done[key], path)
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
            if isinstance(value_node, yaml.CollectionNode) and value_node.start_mark.line > key_node.start_mark.line:
                self.positions.starts[path + (key_node.value,)] = self.positions[path + (key_node.value,)]
            self.positions[path + (key_node.value,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return out


def positions_of(node: yaml.Node, path: tuple = (), out: Positions | None = None) -> Positions:
    """Every node's (line, column) under its path of raw keys, from the node tree alone."""
    out = Positions() if out is None else out
    out[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
        out.text(path, node, inventory.TEXT_MAX)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and len(key.value) > inventory.TEXT_MAX:
                out.long.append((path + (key.value,), len(key.value), "key"))
            positions_of(value, path + (key.value,), out)
            out[path + (key.value,)] = (key.start_mark.line + 1, key.start_mark.column + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            positions_of(item, path + (i,), out)
        inventory.measure_list([n.value if isinstance(n, yaml.ScalarNode) else n for n in node.value], path, out.long)
    return out
