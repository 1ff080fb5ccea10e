"""The values each decision fixes, and their fingerprint: the lock that `playbook revisit` alone records.

An item of the data cites a decision (`decision: D-ai-down` on a severity condition, an endpoint, a level, a
scenario…); the decision's `fixes:` names the fields of its citing items it fixed (`[signal, op, value, upto]`,
`[path]`, `[update_every]`, `[params.wait_limit]`). Each such value gets a short hash of its field and value;
the decision's `fingerprint:` keeps those hashes in the order of the data. Rule DEC002 compares them with the
data's values at every check, so a value changed without revisiting its decision is an error at its own line;
`playbook revisit D-…` (and nothing else: not `generate`) writes the fingerprint again, after the editor has
reread the decision. The value is written once, in the data: the decision's prose quotes it with a template.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, get_args

from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from playbook.data import files as registry
from playbook.data.suggest import closest

TAG = 6  # hex digits a value's hash keeps: a changed value goes unnoticed once in 16.7 million


@dataclass(frozen=True)
class Fixed:
    """One value a decision fixes: the citing item's file and path, the field as `fixes:` names it, its path
    (raw YAML keys, to locate it) and its value as JSON."""

    decision: str
    file: str
    name: str
    path: tuple
    value: Any

    @property
    def tag(self) -> str:
        text = json.dumps([self.name, self.value], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:TAG]


@dataclass
class Lock:
    """What the decisions fix in the data: their values, the citations that fix nothing, the names no item has."""

    values: dict[str, list[Fixed]] = field(default_factory=dict)  # decision id -> its values, in data order
    idle: list[tuple[str, tuple, str]] = field(default_factory=list)  # (file, item path, id): a citation, no field
    unknown: dict[str, set[str]] = field(default_factory=dict)  # decision id -> names of fixes: no item has
    meant: dict[tuple[str, str], str] = field(default_factory=dict)  # (id, name of fixes:) -> the field it misspells
    missed: dict[str, int] = field(default_factory=dict)  # decision id -> values not found for a misspelt name

    def fingerprint(self, decision: str) -> str:
        return " ".join(v.tag for v in self.values.get(decision, []))


def lock(cat) -> Lock:
    """The values every decision of the catalog fixes (computed once per catalog)."""
    return cat.memoized(("decided", "lock"), lambda: _lock(cat))


def _lock(cat) -> Lock:
    decisions = {d.id: d for d in cat.decisions.decisions}
    out = Lock(values={d.id: [] for d in decisions.values() if d.fixes})
    applied: dict[str, set[str]] = {}  # decision id -> the names of its fixes: a citing item has
    for file, path, item in citations(cat):
        d = decisions.get(item.decision)
        if d is None:
            continue  # an unknown id: LOAD005 (ALR006 for the router's and the business hours')
        found = [v for name in d.fixes if (v := _value(d.id, file, path, item, name))]
        applied.setdefault(d.id, set())
        for name in set(d.fixes) - {v.name for v in found}:
            if (meant := closest(name, names(item))) and meant not in d.fixes:  # a typo: the value it meant is there
                out.meant[(d.id, name)] = meant
                out.missed[d.id] = out.missed.get(d.id, 0) + 1
        if not found:
            out.idle.append((file, path, d.id))
        out.values.setdefault(d.id, []).extend(found)
        applied[d.id].update(v.name for v in found)
    for d in decisions.values():
        if d.id in applied and (missing := set(d.fixes) - applied[d.id]):  # cited by none: DEC002 says so once
            out.unknown[d.id] = missing
    return out


def _value(decision: str, file: str, path: tuple, item: BaseModel, name: str) -> Fixed | None:
    """The value of field `name` (dotted into plain mappings: params.wait_limit) of a citing item; None when
    the item's model has no such field, or its mapping no such key. A model's field not written is null."""
    obj: Any = item
    for k, part in enumerate(name.split(".")):
        if isinstance(obj, BaseModel):
            info = type(obj).model_fields.get(part)
            if info is None:
                return None if k == 0 else Fixed(decision, file, name, path, None)
            path, obj = path + (info.alias or part,), getattr(obj, part)
        elif isinstance(obj, dict) and part in obj:
            path, obj = path + (part,), obj[part]
        elif isinstance(obj, dict) and closest(part, [str(x) for x in obj]):
            return None  # a misspelling of a key the mapping has (wait_limits): a typo in fixes:, naming nothing
        else:
            return None if k == 0 else Fixed(decision, file, name, path, None)
    return Fixed(decision, file, name, path, to_jsonable_python(obj))


def names(item: BaseModel) -> set[str]:
    """The names a decision's `fixes:` can give for a citing item: its fields, and the keys of its mappings."""
    out = set()
    for name, info in type(item).model_fields.items():
        out.add(info.alias or name)
        value = getattr(item, name)
        if isinstance(value, dict):
            out.update(f"{info.alias or name}.{k}" for k in value)
    return out


def citations(cat) -> Iterator[tuple[str, tuple, BaseModel]]:
    """(file, path, item) of every item that cites a decision (`decision: D-…`), in the order of the data."""
    roots = [(cat.file(s), getattr(cat, s.part)) for s in registry.SINGLE if s is not registry.DECISIONS]
    for file, model in [*roots, *cat.runbook_files()]:
        yield from _walk(file, model, ())


def _walk(file: str, obj: Any, path: tuple) -> Iterator[tuple[str, tuple, BaseModel]]:
    if isinstance(obj, BaseModel):
        if getattr(obj, "decision", None) and "decision" in type(obj).model_fields:
            yield file, path, obj
        for name, key in _reaching(type(obj)):
            yield from _walk(file, getattr(obj, name), path + (key,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _walk(file, v, path + (i,))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _walk(file, v, path + (k,))


@functools.cache
def _reaching(cls: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(field, raw key) of each field of a model whose type may hold an item that cites a decision: the walk
    leaves the others (a runbook's steps, the search vocabulary) alone, so it costs little on a large playbook."""
    return tuple((n, f.alias or n) for n, f in cls.model_fields.items() if _may_cite(f.annotation, frozenset()))


def _may_cite(tp: Any, seen: frozenset) -> bool:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if tp in seen:
            return False
        return "decision" in tp.model_fields or any(
            _may_cite(f.annotation, seen | {tp}) for f in tp.model_fields.values()
        )
    return any(_may_cite(a, seen) for a in get_args(tp))
