"""A file cut short (an interrupted save, a full disk): its last mapping lacks the keys that would have ended it.

A required key reported missing is usually one the editor forgot, found at its mapping. But when the mapping is
the file's last (no node of the file comes after it) and every missing key comes, in the model's order, after
every key the mapping has, the likelier story is that the file ends early, and the finding says so. It points
at the item cut short, the line after the last complete one (an alert's `- title:` line, whose keys after its
scenario are gone): that is what the editor restores; one finding more, at the file's last line, says where
the text stops. A file whose top-level mapping is the one cut short has no
such item: there the finding points at the file's last line, where the editor sees what is gone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from playbook.data.positions import Positions


def _keys(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def cut_short(model: type[BaseModel], data: Any, positions: Positions) -> Callable[[tuple], tuple[int, int] | None]:
    """`at(path)`: (the line of the item cut short (the file's last line for the top-level mapping), the file's
    last line) when the required key at `path` is missing as if the file were cut short after it; None when it is
    missing anywhere else."""
    from playbook.data.messages import model_at

    last = max(positions.items(), key=lambda item: item[1], default=None)

    def at(path: tuple) -> tuple[int, int] | None:
        parent = path[:-1]
        if last is None or last[0][: len(parent)] != parent:
            return None  # something of the file comes after this mapping
        mapping: Any = data
        for part in parent:
            mapping = mapping[part]
        here = model_at(model, parent)
        if here is None or not isinstance(mapping, dict):
            return None
        order = _keys(here)
        present = [order.index(k) for k in mapping if k in order]
        if path[-1] not in order or (present and order.index(path[-1]) < max(present)):
            return None  # a key that comes before one the mapping has: forgotten, not cut off
        end = last[1][0]
        return (positions[parent][0] if parent and parent in positions else end), end

    return at
