"""Identity in the data's lists: no two entries of one list share a field that names them (their id, their name)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from pydantic import BaseModel

from playbook.errors import Problem

RULE = "LOAD004"
NAMING = ("id", "name")  # the fields that name an entry of a list: readers tell entries apart by either


def model_lists(obj: Any, path: tuple = ()) -> Iterator[tuple[tuple, list]]:
    """(path, items) of every list of models in `obj`, at any depth."""
    if isinstance(obj, BaseModel):
        for name, field in type(obj).model_fields.items():
            yield from model_lists(getattr(obj, name), (*path, field.alias or name))
    elif isinstance(obj, list):
        if obj and all(isinstance(x, BaseModel) for x in obj):
            yield path, obj
        for i, x in enumerate(obj):
            yield from model_lists(x, (*path, i))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from model_lists(v, (*path, k))


def duplicates(model: Any, file: str, where: Callable[[tuple], tuple[int, int]]) -> list[Problem]:
    """LOAD004 at every entry that repeats the id or the name of an earlier entry of its list (a paste made twice, or
    a copied row renamed by its id only): once per entry, at the first field it repeats."""
    out = []
    for path, items in model_lists(model):
        told: set[int] = set()
        for key in (k for k in NAMING if k in type(items[0]).model_fields):
            found = [(i, p) for i, p in _repeats(items, path, key, file, where) if i not in told]
            told |= {i for i, _ in found}
            out += [p for _, p in found]
    return out


def _repeats(items: list, path: tuple, key: str, file: str, where: Callable) -> list[tuple[int, Problem]]:
    """(index, LOAD004) of every entry of `items` whose `key` repeats an earlier entry's."""
    out = []
    first: dict[Any, int] = {}
    for i, item in enumerate(items):
        value = getattr(item, key)
        if value is None or not isinstance(value, str | int):
            continue
        if value in first:
            dotted = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in (*path, i, key))
            line = where((*path, first[value], key))[0]
            message = f"duplicate {key} {value!r} (also entry [{first[value]}] of this list, at line {line})"
            hint = f"each entry of this list has its own {key}: remove the copy, or rename it"
            out.append((i, Problem(file, *where((*path, i, key)), RULE, message, hint, dotted.replace(".[", "["))))
        else:
            first[value] = i
    return out
