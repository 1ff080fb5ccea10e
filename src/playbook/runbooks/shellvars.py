"""Read shell code the way bash quotes it: variables it expands, loop variables, unfilled placeholders."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAME = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))")
_LOOP = re.compile(r"\bfor\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\b")
_ARRAY = re.compile(r"\b(?:mapfile|readarray)\s+(?:-[A-Za-z]+\s+)*([A-Za-z_][A-Za-z0-9_]*)")  # mapfile -t name
_ASSIGN = re.compile(r"(?:^|[\s;(])(?:export\s+|local\s+|read\s+-r\s+)?([A-Za-z_][A-Za-z0-9_]*)=")
_ANGLE = re.compile(r"<[A-Za-z][A-Za-z0-9_ .-]*>")
_YOUR = re.compile(r"\bYOUR_[A-Z0-9_]+")


@dataclass(frozen=True)
class Segment:
    """A run of code with one quoting state: 'none', 'single' or 'double'."""

    quote: str
    text: str
    line: int  # 1-based line where the segment starts


def segments(code: str) -> list[Segment]:
    """Split shell code into unquoted, single-quoted and double-quoted runs (comments dropped)."""
    out: list[Segment] = []
    state, buf, line, start = "none", [], 1, 1
    i = 0

    def flush(new_state: str) -> None:
        nonlocal buf, state, start
        if buf:
            out.append(Segment(state, "".join(buf), start))
        buf, state, start = [], new_state, line

    while i < len(code):
        c = code[i]
        if c == "\n":
            line += 1
        if state == "none":
            if c == "#" and (i == 0 or code[i - 1] in " \t\n;"):
                end = code.find("\n", i)
                i = len(code) if end < 0 else end
                continue
            if c == "\\" and i + 1 < len(code):
                buf.append(code[i : i + 2])
                i += 2
                continue
            if c in "'\"":
                flush("single" if c == "'" else "double")
                i += 1
                continue
        elif state == "single" and c == "'":
            flush("none")
            i += 1
            continue
        elif state == "double":
            if c == "\\" and i + 1 < len(code):
                buf.append(code[i : i + 2])
                i += 2
                continue
            if c == '"':
                flush("none")
                i += 1
                continue
        buf.append(c)
        i += 1
    flush("none")
    return out


def expanded_vars(code: str) -> list[tuple[str, int]]:
    """(name, line) of every $NAME / ${NAME} bash expands (not those inside single quotes, e.g. jq's $vars)."""
    return [
        (m.group(1) or m.group(2), seg.line + seg.text[: m.start()].count("\n"))
        for seg in segments(code)
        if seg.quote != "single"
        for m in _NAME.finditer(seg.text)
    ]


def local_vars(code: str) -> set[str]:
    """Variables the code sets itself: loop variables, assignments and arrays read by mapfile."""
    plain = "".join(s.text for s in segments(code) if s.quote == "none")
    return set(_LOOP.findall(plain)) | set(_ASSIGN.findall(plain)) | set(_ARRAY.findall(plain))


def unfilled(code: str) -> list[tuple[str, int]]:
    """(text, line) of placeholders left for the reader: unquoted `<placeholder>`, and any `YOUR_*` value."""
    found = []
    for seg in segments(code):
        if seg.quote == "none":
            found += [(m.group(0), seg.line + seg.text[: m.start()].count("\n")) for m in _ANGLE.finditer(seg.text)]
        found += [(m.group(0), seg.line + seg.text[: m.start()].count("\n")) for m in _YOUR.finditer(seg.text)]
    return found


def undeclared(code: str, declared: set[str]) -> list[tuple[str, int]]:
    """(name, line) of variables used that are neither declared placeholders nor set by the code."""
    own = local_vars(code)
    return [(n, ln) for n, ln in expanded_vars(code) if n not in declared and n not in own]
