"""Where a template error is in a data file: the line that holds the failing template, or that opened it."""

from __future__ import annotations

import re
import traceback


def error_at(cat, file: str, path: tuple, text: str, error: Exception) -> tuple[int, int]:
    """Where a template error is in the file: the line of a multi-line text that holds the failing template
    line (Jinja's line number, or its traceback's), else the value's own line."""
    line, col = cat.where(file, path)
    frames = [f.lineno for f in traceback.extract_tb(error.__traceback__) if f.filename in ("<template>", "<unknown>")]
    n = getattr(error, "lineno", None) or (frames[-1] if frames else None)
    source = text.split("\n")
    if not n or len(source) < 2 or not 0 < n <= len(source) or not source[n - 1].strip():
        return line, col
    try:
        lines = (cat.base / file).read_text(encoding="utf-8").split("\n")
    except OSError:
        return line, col
    n = _opened_at(source, n)  # an expression that runs on to the failing line (a quote left open) opened above it
    wanted = source[n - 1].strip()
    for k in range(line - 1, min(len(lines), line + len(source) + 1)):
        if wanted in lines[k]:
            return k + 1, lines[k].index(wanted) + 1
    return line, col


def _opened_at(source: list[str], n: int) -> int:
    """The line (1-based) where the template expression that reaches line `n` opened: the last `{{` or `{%` above
    it whose close, read past quoted text (`ep['a"] }}` leaves a quote open), is not before line `n`; else `n`."""
    text, start = "\n".join(source), sum(len(x) + 1 for x in source[: n - 1])
    found = n
    for m in re.finditer(r"\{\{|\{%", text[:start]):
        quote, k = None, m.end()
        while k < len(text) and (quote or text[k : k + 2] not in ("}}", "%}")):
            quote = (None if text[k] == quote else quote) if quote else (text[k] if text[k] in "'\"" else None)
            k += 1
        if k >= start:
            found = text.count("\n", 0, m.start()) + 1
    return found
