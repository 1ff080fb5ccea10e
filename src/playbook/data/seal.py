"""The seal of a file a command writes (the drill results): a short hash per field, so a hand edit is found at its line.

A recorded file is written by a run (`playbook drill --all --record`), never by hand: a date, a time or an
outcome typed in claims a run that did not happen. Its writer seals it: every mapping in it (the top level, each
result, each step of a result) gets a `seal:` key, written last, holding one short hash per other key (the key
and its value; for a list of mappings, which carry their own seals, the key and how many), in the order written.
Rule FILE003 recomputes them from the file as it is: a hash that differs names its field, so the finding points at
the line that was edited; a seal that is missing points at its mapping. It guards against accidents, not forgery
(the hashes are not keyed), like the decisions' fingerprint (data/decided.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import Any

KEY = "seal"
TAG = 6  # hex digits a field's hash keeps (as data/decided.py's TAG)


def tag(key: str, value: Any) -> str:
    text = json.dumps([key, value], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:TAG]


def _holds_records(value: Any) -> bool:
    return isinstance(value, dict) or isinstance(value, list) and any(isinstance(v, dict) for v in value)


def _hashed(value: Any) -> Any:
    """What a field's hash covers: its value; for records (sealed themselves), how many there are."""
    if isinstance(value, dict):
        return {"record": True}
    return {"records": len(value)} if _holds_records(value) else value


def seal_of(record: dict) -> str:
    """The seal of one mapping: a hash of each key but the seal itself, in order."""
    return " ".join(tag(str(k), _hashed(v)) for k, v in record.items() if k != KEY)


def _records(node: dict, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """(path, mapping) of every mapping a seal is written on: `node`, and every mapping in it, at any depth, that
    is a value or an item of a list."""
    yield path, node
    for key, value in node.items():
        if isinstance(value, dict):
            yield from _records(value, (*path, key))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                if isinstance(v, dict):
                    yield from _records(v, (*path, key, i))


def sealed(node: dict) -> dict:
    """`node` (a file's data as JSON) with a seal written last on it and on every mapping in it."""
    out: dict = {}
    for key, value in node.items():
        if key == KEY:
            continue
        if isinstance(value, dict):
            value = sealed(value)
        elif isinstance(value, list):
            value = [sealed(v) if isinstance(v, dict) else v for v in value]
        out[key] = value
    return {**out, KEY: seal_of(out)}


def broken(body: Any) -> list[tuple[tuple, str]]:
    """(path of the place, what is wrong) for every field whose hash is not in its mapping's seal; the path of a
    mapping (or of its seal) when its seal is missing or lists fields the mapping no longer has."""
    if not isinstance(body, dict):
        return [((), "is not a mapping as its writer writes it")]
    out = []
    for path, record in _records(body):
        seal = record.get(KEY)
        if not isinstance(seal, str):
            out.append((path, "has no seal, which its writer writes on every mapping"))
            continue
        keys = [k for k in record if k != KEY]
        tags = [tag(str(k), _hashed(record[k])) for k in keys]
        recorded = seal.split()
        gone = 0
        for op, i1, i2, j1, j2 in SequenceMatcher(None, recorded, tags, autojunk=False).get_opcodes():
            if op == "equal":
                continue
            gone += max(0, (i2 - i1) - (j2 - j1))
            out += [((*path, keys[j]), "differs from what its writer recorded") for j in range(j1, j2)]
        if gone:
            out.append(((*path, KEY), f"{gone} field(s) its writer recorded are gone"))
    return out
