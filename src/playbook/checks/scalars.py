"""Checker rules on what a value means to a reader other than PyYAML (FILE012, FILE017) and on text an encoding
garbled (FILE013)."""

from __future__ import annotations

import dataclasses
import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.data.markup import code_strings, free_strings
from playbook.data.positions import locate
from playbook.data.scalars import other_reading, spelled, typed_reading
from playbook.errors import dotted


@rule(
    "FILE012",
    "error",
    "an unquoted value PyYAML reads as text is text to every YAML reader (no `09:00`, `y`, `1e3`, `0o12` unquoted)",
    "YAML readers disagree on unquoted values: `start: 10:30` is the number 630 to YAML 1.1 (PyYAML), and `09:00` "
    "is text only because of its leading zero; `y` and `n` are booleans to YAML 1.1, `1e3` and `0o12` numbers to "
    "YAML 1.2 (the editor's yaml-language-server). The same line then means a time to the loader and a number to "
    "the editor, a script or the next loader; a neighbour written the same way without the zero breaks at once.",
    'quote the value ("09:00"), as every other value of its kind is',
)
def ambiguous_scalars(ctx: CheckContext, report: Reporter):
    for rel, positions in ctx.catalog.positions.items():
        for path, value in getattr(positions, "untyped", ()):
            reading = other_reading(value)
            if reading is None:
                continue
            line, col = locate(positions, path)
            message = f"unquoted {value} is text to PyYAML but {reading}"
            yield report.at(rel, line, col, message, f'quote it: "{value}"', dotted(path))


@rule(
    "FILE017",
    "error",
    "an unquoted value PyYAML types (a number, a boolean, null) is the same value to YAML 1.2 readers (no `1_000`, "
    "`yes`, `012`)",
    "PyYAML reads YAML 1.1, whose numbers take digit separators (`1_000`), a leading zero as octal (`012` is 10) and "
    "`0b`, and whose booleans include `yes`, `no`, `on` and `off`; to YAML 1.2 (the editor's yaml-language-server, "
    "the JS and Go libraries) `1_000` and `yes` are text and `012` is 12. The loader then reads a limit, a count or "
    "a switch the editor, the schema and any script read otherwise (or refuse): FILE012 the other way round.",
    "write the value as every reader reads it (the hint gives it), or quote it if it is text",
)
def typed_scalars(ctx: CheckContext, report: Reporter):
    for rel, positions in ctx.catalog.positions.items():
        for path, text, value in getattr(positions, "typed", ()):
            if (reading := typed_reading(text, value)) is None:
                continue
            line, col = locate(positions, path)
            ours, theirs = reading
            message = (
                f"unquoted {text} is {ours} to PyYAML but {theirs} to YAML 1.2 readers (the editor, other languages)"
            )
            plain = spelled(value)
            hint = f"write {plain}" if plain is not None else f'quote it: "{text}"'
            yield report.at(rel, line, col, message, hint, dotted(path))


# UTF-8 read as Windows-1252 (or Latin-1), the usual mojibake: a lead byte's character (Â … ô) followed by as many
# characters as the lead byte announces, each one a continuation byte (0x80 … 0xBF) in that encoding.
_LEAD = re.compile(r"[\u00c2-\u00f4]")
_FOLLOW = {range(0xC2, 0xE0): 1, range(0xE0, 0xF0): 2, range(0xF0, 0xF5): 3}


def _byte(ch: str) -> int | None:
    for encoding in ("cp1252", "latin-1"):
        try:
            return ch.encode(encoding)[0]
        except UnicodeEncodeError:
            continue
    return None


# A question mark no sentence writes: inside a word ("We?ll", "caf?s") or alone between two words ("Dr Amal ? Clinical
# OS"), outside an address or a query string. A save through an encoding that lacks a character (ASCII, Latin-1)
# writes "?" for it: no replacement character, no mojibake, only the mark.
_LOST = re.compile(r"(?<=[^\W\d_])\?(?=[^\W\d_])|(?<=[^\W\d_] )\?(?= [^\W\d_])")
_ADDRESS = re.compile(r"\S*(?:://|[/=&])\S*")


def garbled(text: str) -> tuple[int, str, str] | None:
    """(offset, the characters, what they were) of the first place an encoding conversion broke in `text`: a
    replacement character (U+FFFD: a character lost), UTF-8 bytes read as Windows-1252 (`â€™` for `’`), or a
    question mark a save through a narrower encoding wrote for a character it lacks."""
    if "?" in text:
        spans = [m.span() for m in _ADDRESS.finditer(text)]
        for m in _LOST.finditer(text):
            if not any(a <= m.start() < b for a, b in spans):
                return m.start(), "?", ""
    if text.isascii():
        return None
    if (at := text.find("\ufffd")) >= 0:
        return at, "\ufffd", ""
    for m in _LEAD.finditer(text):
        lead = ord(m.group(0))
        n = next(k for r, k in _FOLLOW.items() if lead in r)
        tail = text[m.end() : m.end() + n]
        raw = [_byte(c) for c in tail]
        if len(tail) < n or any(b is None or not 0x80 <= b <= 0xBF for b in raw):
            continue
        try:
            meant = bytes([lead, *raw]).decode("utf-8")  # type: ignore[list-item]
        except UnicodeDecodeError:
            continue
        return m.start(), m.group(0) + tail, meant
    return None


@rule(
    "FILE013",
    "error",
    "no text holds a replacement character (U+FFFD), mojibake (`â€™`, `Ã©`: UTF-8 read in another encoding) or a "
    "question mark a narrower encoding wrote for a character (`Dr Amal ? Clinical OS`)",
    "A text copied through a conversion that lost its encoding shows `We�ll` or `Weâ€™ll` on the page, the binder and "
    "the search results: the character that was there is gone, and a search for the word no longer finds it.",
    "retype the character that was there (the message names it when it can be told)",
)
def garbled_text(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    code = {(file, path) for file, path, _ in code_strings(cat)}
    for file, path, text in free_strings(cat):
        if (file, path) in code or (found := garbled(text)) is None:
            continue
        at, seen, meant = found
        if meant:
            message = f"{seen!r} is {meant!r} garbled: UTF-8 read as Windows-1252"
            hint = f"retype it: {meant}"
        elif seen == "?":
            message = "a question mark inside a word or alone between words, where a save lost a character"
            hint = "retype the character that was there (a dash, an apostrophe, an accented letter), and save as UTF-8"
        else:
            message = "a replacement character (U+FFFD) where a conversion between encodings lost a character"
            hint = "retype the character that was there: an apostrophe, an accented letter…"
        p = _finding_at(cat, report, file, path, text, at, message, column=True)
        yield dataclasses.replace(p, hint=hint)
