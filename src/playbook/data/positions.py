"""Source positions of the YAML data: (line, column) of every node by its path of raw keys."""

from __future__ import annotations

from playbook.data.scalars import FIRST


class Positions(dict):
    """(line, column) of every node of a file by its path of raw keys; `templated` lists the paths of the
    strings that hold a `{{ }}` or `{% %}` template, so expansion visits those and nothing else; `long` the
    (path, length, is a key) of the strings longer than the least size limit (playbook.data.inventory)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.templated: list[tuple] = []
        self.long: list[tuple[tuple, int, str]] = []  # (path, length, key | value | list)
        self.spans: dict[tuple, tuple[int, int]] = {}  # first and last line of each long value (a block scalar's)
        # (path, value) of every unquoted value PyYAML read as text that another YAML reader types otherwise (FILE012)
        self.untyped: list[tuple[tuple, str]] = []
        # (path, line) of every unquoted value that goes on over a second line, at that line (FILE015)
        self.folded: list[tuple[tuple, int]] = []
        # (path, text, value) of every unquoted value PyYAML typed (a number, a boolean, null, a date) (FILE017)
        self.typed: list[tuple[tuple, str, object]] = []
        # (line, column) of each mapping or list that starts below its key: where a value of the wrong type is seen
        self.starts: dict[tuple, tuple[int, int]] = {}

    def text(self, path: tuple, node, most: int) -> None:
        """Record what the checks read of the text YAML node at `path`: its length and lines when over `most`
        characters, its value when it is unquoted and starts as a number or a YAML 1.1 boolean may, the line it goes
        on over when it is unquoted and spans more than one."""
        if len(node.value) > most:
            self.long_value(path, node)
        if not node.style:
            if node.value[:1] in FIRST:
                self.untyped.append((path, node.value))
            if node.end_mark.line != node.start_mark.line:
                self.folded.append((path, node.start_mark.line + 2))

    def typed_value(self, path: tuple, node, value: object) -> None:
        """Record the unquoted non-text YAML node at `path` and what PyYAML made of it."""
        if not node.style:
            self.typed.append((path, node.value, value))

    def long_value(self, path: tuple, node) -> None:
        """Record the string YAML node at `path` as long: its length, and the lines it spans."""
        self.long.append((path, len(node.value), "value"))
        self.spans[path] = span(node)


def span(node) -> tuple[int, int]:
    """The first and last line of a YAML node (a block scalar ends at column 0 of the line after its text)."""
    end = node.end_mark
    return node.start_mark.line + 1, end.line + (1 if end.column else 0)


def longest_line(positions: Positions, path: tuple, text: str) -> tuple[int, int]:
    """Line and column of a long value at `path`: the longest line it spans (a paste inside a block scalar is on
    a line of its own, below the key), else its start."""
    line, col = locate(positions, path)
    first, last = positions.spans.get(tuple(path), (line, line))
    if last <= first:
        return line, col
    lines = text.split("\n")
    n = max(range(first, min(last, len(lines)) + 1), key=lambda k: len(lines[k - 1]))
    return (n, len(lines[n - 1]) - len(lines[n - 1].lstrip()) + 1) if n != line else (line, col)


def locate(positions: Positions, path: tuple) -> tuple[int, int]:
    """Line and column of the deepest existing node on `path` (the parent when a key is missing)."""
    path = tuple(path)
    while path and path not in positions:
        path = path[:-1]
    return positions.get(path, (1, 1))
