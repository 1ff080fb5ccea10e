"""Rewrite a copy of the data as YAML trees: every string leaf with its file and path, to mutate and write back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

SCHEMA_LINE = "# yaml-language-server: $schema={}\n"


def data_files(data: Path) -> list[Path]:
    return sorted(p for p in data.rglob("*.yaml") if "schema" not in p.parts)


def read_tree(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write_tree(path: Path, tree: Any) -> None:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    head = first + "\n" if first.startswith("# yaml-language-server") else ""
    path.write_text(head + yaml.safe_dump(tree, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")


def leaves(tree: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """(path, value) of every scalar leaf of a YAML tree."""
    items = tree.items() if isinstance(tree, dict) else enumerate(tree) if isinstance(tree, list) else None
    if items is None:
        yield path, tree
        return
    for k, v in items:
        yield from leaves(v, path + (k,))


def nodes(tree: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """(path, value) of every node of a YAML tree, the root first."""
    yield path, tree
    items = tree.items() if isinstance(tree, dict) else enumerate(tree) if isinstance(tree, list) else ()
    for k, v in items:
        yield from nodes(v, path + (k,))


def get(tree: Any, path: tuple) -> Any:
    for k in path:
        tree = tree[k]
    return tree


def put(tree: Any, path: tuple, value: Any) -> None:
    get(tree, path[:-1])[path[-1]] = value


def _free_text(annotation: Any, metadata: list) -> bool:
    """A str the data writes freely: no pattern, choice list or validator (ids, durations, e-mails are not)."""
    if any(not type(m).__name__.startswith(("MinLen", "MaxLen")) for m in metadata):
        return False
    return annotation is str


def _unwrap(annotation: Any) -> tuple[Any, list]:
    """(the type, its constraints) under Optional[...] and Annotated[...]."""
    import types
    import typing

    metadata: list = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *more = typing.get_args(annotation)
            metadata += [m for m in more if not isinstance(m, str)]
            from pydantic.fields import FieldInfo

            metadata = [x for m in metadata for x in (m.metadata if isinstance(m, FieldInfo) else [m])]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, metadata
            annotation = args[0]
        else:
            return annotation, metadata


def text_fields(model: type, tree: Any, path: tuple = ()) -> Iterator[tuple]:
    """Paths of the free-text string leaves of `tree`, as the pydantic `model` (a class) types them."""
    import typing

    from pydantic import BaseModel

    def walk(annotation: Any, metadata: list, value: Any, path: tuple):
        annotation, more = _unwrap(annotation)
        metadata = metadata + more
        origin = typing.get_origin(annotation)
        if isinstance(value, str):
            if _free_text(annotation, metadata):
                yield path
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(value, dict):
            fields = {(info.alias or name): info for name, info in annotation.model_fields.items()}
            for k, v in value.items():
                if k in fields:
                    yield from walk(fields[k].annotation, list(fields[k].metadata), v, path + (k,))
        elif origin is list and isinstance(value, list):
            (inner,) = typing.get_args(annotation)
            for i, v in enumerate(value):
                yield from walk(inner, [], v, path + (i,))

    yield from walk(model, [], tree, path)
