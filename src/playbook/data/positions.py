"""Source positions of the YAML data: (line, column) of every node by its path of raw keys."""

from __future__ import annotations


class Positions(dict):
    """(line, column) of every node of a file by its path of raw keys; `templated` lists the paths of the
    strings that hold a `{{ }}` or `{% %}` template, so expansion visits those and nothing else; `long` the
    (path, length, is a key) of the strings longer than the least size limit (playbook.data.inventory)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.templated: list[tuple] = []
        self.long: list[tuple[tuple, int, str]] = []  # (path, length, key | value | list)


def locate(positions: Positions, path: tuple) -> tuple[int, int]:
    """Line and column of the deepest existing node on `path` (the parent when a key is missing)."""
    path = tuple(path)
    while path and path not in positions:
        path = path[:-1]
    return positions.get(path, (1, 1))
