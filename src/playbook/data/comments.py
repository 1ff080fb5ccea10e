"""The YAML comments of the data files, found by the YAML scanner (libyaml): on no page, but in every clone."""

from __future__ import annotations

from pathlib import Path

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def comments(text: str) -> list[tuple[int, int, str]]:
    """(line, column, text after the `#`) of every comment of a YAML text, both 1-based. A comment is a `#` at a line's
    start or after white space that no scalar holds: the parser's scalars (keys and values, quoted, block or plain)
    give the spans of those whose text holds a `#` (a `#` is written in a scalar only where its value has one). A text
    the parser refuses yields the comments before the fault, none after it (what is a comment there is unknown)."""
    if "#" not in text:
        return []
    held: list[tuple[tuple[int, int], tuple[int, int]]] = []  # (start, end) of the scalars with a `#`, 0-based
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if type(event) is yaml.ScalarEvent and "#" in event.value:
                first, last = event.start_mark, event.end_mark
                held.append(((first.line, first.column), (last.line, last.column)))
    except yaml.YAMLError as e:
        marks = [m for m in (getattr(e, "context_mark", None), getattr(e, "problem_mark", None)) if m is not None]
        held.append((min(((m.line, m.column) for m in marks), default=(0, 0)), (len(text), 0)))
    finally:
        loader.dispose()
    out = []
    for n, line in enumerate(text.split("\n")):
        k = line.find("#")
        while k >= 0:
            if (k == 0 or line[k - 1] in " \t") and not any(a <= (n, k) < b for a, b in held):
                out.append((n + 1, k + 1, line[k + 1 :]))
                break
            k = line.find("#", k + 1)
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
