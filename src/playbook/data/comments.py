"""The YAML comments of the data files, found by the YAML scanner (libyaml): on no page, but in every clone."""

from __future__ import annotations

from pathlib import Path

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def comments(text: str) -> list[tuple[int, int, str]]:
    """(line, column, text after the `#`) of every comment of a YAML text, both 1-based. A comment is a `#` outside
    every token the scanner reads (a quoted or block scalar holds its `#` as text): in the gaps between the tokens,
    which hold only white space and comments. A text the scanner refuses yields the comments before the fault."""
    lines = text.split("\n")
    out: list[tuple[int, int, str]] = []
    loader = _Loader(text)
    at = (0, 0)  # where the last token ended (line, column), 0-based

    def gap(until: tuple[int, int]) -> None:
        line, col = at
        while (line, col) < until and line < len(lines):
            stop = until[1] if line == until[0] else len(lines[line])
            k = lines[line].find("#", col, stop)
            if k >= 0:
                out.append((line + 1, k + 1, lines[line][k + 1 :]))
            line, col = line + 1, 0

    try:
        while loader.check_token():
            token = loader.get_token()
            start, end = token.start_mark, token.end_mark
            gap((start.line, start.column))
            at = max(at, (end.line, end.column))
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    gap((len(lines), 0))
    return out


def data_comments(cat) -> list[tuple[str, int, int, str]]:
    """(file, line, column, text) of every comment of every data file (not the JSON Schemas), once per catalog."""

    def make() -> list[tuple[str, int, int, str]]:
        data = cat.project.data
        files = [p for p in sorted(data.rglob("*.yaml")) if "schema" not in p.relative_to(data).parts]
        return [(cat.rel(p), *c) for p in files for c in comments(_read(p))]

    return cat.memoized(("yaml comments",), make)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
