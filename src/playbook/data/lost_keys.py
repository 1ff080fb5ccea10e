"""A top-level list key lost from a file: its items run on in the list above, with that key's item keys (LOAD011)."""

from __future__ import annotations

import typing

from pydantic import BaseModel

from playbook.errors import Problem


def _item_model(annotation: typing.Any) -> type[BaseModel] | None:
    """The model of a `list[Model]` field's items (optional or not), else None."""
    for arg in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(arg) is list:
            (item,) = typing.get_args(arg) or (None,)
            if isinstance(item, type) and issubclass(item, BaseModel):
                return item
    return None


def _keys(model: type[BaseModel]) -> set[str]:
    return {f.alias or name for name, f in model.model_fields.items()}


def _lists(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Each top-level key of `model` that holds a list of items, and the items' model."""
    return {f.alias or n: m for n, f in model.model_fields.items() if (m := _item_model(f.annotation))}


def _first_carried(model: type[BaseModel], data: typing.Any, key: str) -> int:
    """The index from which every item of the list `key` has a key its own items do not (len when none has)."""
    items, own = data[key], _keys(_lists(model)[key])
    k = len(items)
    while k > 0 and isinstance(items[k - 1], dict) and set(map(str, items[k - 1])) - own:
        k -= 1
    return k


def lost_key(model: type[BaseModel], data: typing.Any, rel: str, positions: dict) -> tuple[list[Problem], str, int]:
    """(one LOAD011 where a top-level list key the file lacks was lost, the key of the list that carries its items,
    the index of the first of them)
    when the last items of a top-level list all have keys its own items do not, and every key of theirs is one of
    the missing list's items (`bets:` deleted: its items continue `concepts:`); ([], "", 0) else."""
    if not isinstance(data, dict):
        return [], "", 0
    lists = _lists(model)
    missing = {key: m for key, m in lists.items() if key not in data}
    for key in lists:
        if not missing or not isinstance(data.get(key), list):
            continue
        k = _first_carried(model, data, key)
        run = data[key][k:]
        for lost, theirs in missing.items():
            if run and all(set(map(str, item)) <= _keys(theirs) for item in run):
                first = positions.get((key, k), (1, 1))[0]
                shown = ", ".join(sorted({str(x) for item in run for x in item})[:4])
                message = (
                    f"the key `{lost}:` seems lost here: the {len(run)} items from line {first} on continue "
                    f"`{key}:` with the keys of the items of `{lost}:` ({shown})"
                )
                hint = f"write `{lost}:` back on the line above line {first} (git diff shows it)"
                # at the line above the first of them: where the key was, the line the editor changed
                return [Problem(rel, max(first - 1, 1), 1, "LOAD011", message, hint, field=lost)], key, k
    return [], "", 0
