"""Where each line of an expanded data string sits in its YAML file: a line and column for a tool's finding."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Written:
    """A string value as it is written in the file: its text lines and the YAML (line, column) of each."""

    lines: list[str]
    starts: list[tuple[int, int]]  # 1-based (line, column) of each text line's first character


def written(file_lines: list[str], key_line: int, key_col: int) -> Written | None:
    """The string value of the mapping key at (`key_line`, `key_col`) (the position the loader records), or of the
    list's item that starts there (a quoted or literal block scalar: the loader records an item at its value).

    A literal block scalar (`|`, `|-`, `|+`) maps line by line: its text line k is the file's line
    after the indicator plus k, shifted by the block's indentation. A single-line plain or quoted
    scalar starts after the key. Anything else (folded `>`, a quoted string over several lines) gives
    None, and its findings fall back to the key's own position.
    """
    if not 0 < key_line <= len(file_lines):
        return None
    head = file_lines[key_line - 1]
    at = head[key_col - 1 : key_col] if key_col > 0 else ""
    if at == "|":  # a list's item is recorded at its value: a literal block scalar there
        return _literal(file_lines, key_line, head[key_col - 1 :])
    if at in ("'", '"') and (end := head.rfind(at)) > key_col - 1 and not head[end + 1 :].lstrip().startswith(":"):
        return Written([head[key_col:end]], [(key_line, key_col + 1)])  # a quoted item, not a quoted key
    colon = head.find(":", key_col - 1)
    if colon < 0:
        return None
    rest = head[colon + 1 :]
    value = rest.lstrip()
    col = colon + 2 + len(rest) - len(value)  # 1-based column of the value
    if value.startswith("|"):
        return _literal(file_lines, key_line, value)
    if not value or value.startswith((">", "#")):
        return None
    if value[0] in "'\"":
        quote = value[0]
        end = value.rfind(quote)
        return Written([value[1:end]], [(key_line, col + 1)]) if end > 0 else None
    text = value.split(" #", 1)[0].rstrip()
    return Written([text], [(key_line, col)])


def _literal(file_lines: list[str], key_line: int, indicator: str) -> Written | None:
    digits = [c for c in indicator.split("#", 1)[0] if c.isdigit()]
    body = file_lines[key_line:]
    first = next((ln for ln in body if ln.strip()), None)
    if first is None:
        return None
    key_indent = len(file_lines[key_line - 1]) - len(file_lines[key_line - 1].lstrip())
    indent = key_indent + int(digits[0]) if digits else len(first) - len(first.lstrip())
    lines, starts = [], []
    for n, ln in enumerate(body):
        if ln.strip() and len(ln) - len(ln.lstrip(" ")) < indent:
            break
        lines.append(ln[indent:])
        starts.append((key_line + 1 + n, indent + 1))
    while lines and not lines[-1].strip():  # trailing blank lines are chomped, not part of the text
        lines.pop()
        starts.pop()
    return Written(lines, starts)


class CodeMap:
    """Maps (line, column) in an expanded string back to its YAML file.

    Lines left unchanged by template expansion map exactly. A line a `{{ }}` template changed maps to the
    line that holds the template; a column in the text before the template, or after it, maps exactly,
    and a column inside the template's output points at the template's `{{`. Lines a template added (a
    multi-line expansion) map to the template's line. Aligning the written and the expanded lines with
    difflib does this for any template without re-rendering it.
    """

    def __init__(self, src: Written | None, fallback: tuple[int, int], expanded: str):
        self.src, self.fallback = src, fallback
        self.exp = expanded.split("\n")
        self.to_src: list[int] = []
        if src is None:
            return
        self.to_src = [0] * len(self.exp)
        ops = difflib.SequenceMatcher(None, src.lines, self.exp, autojunk=False).get_opcodes()
        for tag, i1, i2, j1, j2 in ops:
            for j in range(j1, j2):
                if tag == "equal":
                    self.to_src[j] = i1 + (j - j1)
                elif i2 > i1:
                    self.to_src[j] = i1 + min(j - j1, i2 - i1 - 1)
                else:  # lines added by a template: the line before holds it
                    self.to_src[j] = max(i1 - 1, 0)

    def at(self, line: int, col: int = 1) -> tuple[int, int]:
        """YAML (line, column) of 1-based (`line`, `col`) of the expanded string."""
        if self.src is None or not self.src.lines or not self.exp:
            return self.fallback
        j = min(max(line, 1), len(self.exp)) - 1
        i = min(self.to_src[j], len(self.src.lines) - 1)
        raw, exp = self.src.lines[i], self.exp[j]
        y_line, y_col = self.src.starts[i]
        return y_line, y_col + _column(raw, exp, max(col, 1) - 1)


def _column(raw: str, exp: str, c: int) -> int:
    """0-based column in `raw` of column `c` of `exp`, `exp` being `raw` with templates expanded."""
    if raw == exp:
        return min(c, max(len(raw) - 1, 0)) if c > len(raw) else c
    prefix = len(_common_prefix(raw, exp))
    if c < prefix:
        return c
    suffix = len(_common_prefix(raw[::-1], exp[::-1]))
    from_end = len(exp) - c
    if 0 < from_end <= suffix and len(raw) - from_end >= prefix:
        return len(raw) - from_end
    at = raw.find("{{")
    return at if at >= 0 else min(c, len(raw))


def _common_prefix(a: str, b: str) -> str:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return a[:n]
