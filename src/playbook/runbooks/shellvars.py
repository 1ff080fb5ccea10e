"""Read shell code the way bash quotes it: the variables it expands, and placeholders left for the reader."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAME = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))")
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


def unfilled(code: str) -> list[tuple[str, int]]:
    """(text, line) of placeholders left for the reader: unquoted `<placeholder>`, and any `YOUR_*` value."""
    found = []
    for seg in segments(code):
        if seg.quote == "none":
            found += [(m.group(0), seg.line + seg.text[: m.start()].count("\n")) for m in _ANGLE.finditer(seg.text)]
        found += [(m.group(0), seg.line + seg.text[: m.start()].count("\n")) for m in _YOUR.finditer(seg.text)]
    return found
