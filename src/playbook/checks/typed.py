"""Checker rules on characters no keyboard types in a terminal (FILE010), escapes YAML did not process (FILE011)."""

from __future__ import annotations

import json
import re
import unicodedata

import yaml

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.data.markup import code_strings, free_strings

# What an editor's autocorrect (or a page copied from) types in place of ASCII: its ASCII, the fix the message names.
_TYPOGRAPHIC = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-- (or -)", "\u2014": "--", "\u2015": "--",
    "\u2212": "-", "\u2026": "...", "\u00d7": "x",
}  # fmt: skip


def _ascii_of(ch: str) -> str:
    """The ASCII a keyboard types for `ch` (its typographic twin, or its compatibility form), '' when none."""
    if ch in _TYPOGRAPHIC:
        return _TYPOGRAPHIC[ch]
    folded = unicodedata.normalize("NFKC", ch)
    return folded if folded != ch and folded.isascii() else ""


def untyped_in_code(text: str) -> int:
    """The offset of the first character of code `text` that is not ASCII (no terminal command needs one), or -1."""
    if text.isascii():
        return -1
    return next(i for i, ch in enumerate(text) if not ch.isascii())


# The compatibility forms that draw the same letters (a ligature, a font's or a width's variant, a no-break space); a
# superscript, a fraction or a circled digit is a sign of its own (m², ½)
_LOOK_ALIKE = {"<compat>", "<font>", "<wide>", "<narrow>", "<noBreak>"}


def untyped_in_text(text: str) -> int:
    """The offset of the first character of a text whose compatibility form is other letters, digits or a space (a
    ligature ﬁ, a fullwidth Ａ, a mathematical 𝐀, a no-break space): it looks like what a reader types and is another
    string to the search, to grep and to every comparison. Typography (an ellipsis, a dash) is prose's own: -1."""
    if text.isascii():
        return -1
    for i, ch in enumerate(text):
        if ch.isascii():
            continue
        folded = unicodedata.normalize("NFKC", ch)
        look_alike = unicodedata.decomposition(ch).split(" ", 1)[0] in _LOOK_ALIKE
        if look_alike and (folded.isspace() or (folded.isascii() and folded.isalnum())):
            return i
    return -1


def _said(ch: str) -> str:
    name = unicodedata.name(ch, "?").lower()
    fix = _ascii_of(ch)
    if not fix:
        return f"{ch!r} ({name}, U+{ord(ch):04X}; no key types it)"
    return f"{ch!r} ({name}, U+{ord(ch):04X}; type {fix!r})"


@rule(
    "FILE010",
    "error",
    "code holds only what a keyboard types in a terminal (ASCII), and no text holds a compatibility character",
    "An editor's autocorrect or a copy from a page or a PDF turns `--` into an em dash (`—oneline`), quotes into "
    "smart quotes, `fi` into the ligature ﬁ and spaces into no-break spaces. They look the same in review; bash, "
    "git, SQL and jq read another character (git takes `—oneline` for a revision), and the search never matches a "
    "word holding a ligature. Code (a block, a drill's expectation) is what a reader types: ASCII, "
    "whatever its tool; in any other text a character whose compatibility form (Unicode NFKC) is other letters, "
    "digits or a space is refused (typography such as an ellipsis or a dash stays prose's own).",
    "retype the character on the keyboard: the message names what to type",
)
def typed_characters(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    code = {(file, path) for file, path, _ in code_strings(cat)}
    for file, path, text in free_strings(cat):
        at = untyped_in_code(text) if (file, path) in code else untyped_in_text(text)
        if at >= 0:
            where = "code" if (file, path) in code else "text"
            message = f"{_said(text[at])} in {where}, where it reads as another character than it shows"
            yield _finding_at(cat, report, file, path, text, at, message, column=True)


# An escape a double-quoted YAML scalar processes, and a single-quoted or plain one keeps as typed: a backslash and
# a letter of YAML's escapes, a quote, or a backslash.
_ESCAPE = re.compile(r'\\(?:[0abtnvfre"/\\N_LP]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})')
_KEPT = ("'", "", None)  # single-quoted, and plain (libyaml says '', PyYAML None)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def unprocessed_escapes(text: str) -> list[tuple[int, int, str, str]]:
    """(line, column, key, escape) of every escape typed into a single-quoted or plain scalar of YAML `text`, which
    YAML keeps as a backslash and a letter, in a field whose language reads no escapes: not code (`code`, a regex),
    nor JSON (a value that parses as JSON has JSON's own escapes)."""
    if "\\" not in text:
        return []
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        return []  # unusable YAML is the loader's finding
    out, todo = [], [(root, "")] if root is not None else []
    while todo:
        node, key = todo.pop()
        if isinstance(node, yaml.MappingNode):
            todo += [(v, str(k.value)) for k, v in node.value] + [(k, key) for k, _ in node.value]
        elif isinstance(node, yaml.SequenceNode):
            todo += [(v, key) for v in node.value]
        elif node.style in _KEPT and (m := _ESCAPE.search(node.value)) and not _reads_escapes(key, node.value):
            start = node.start_mark
            lines = text.splitlines()
            line = lines[start.line] if start.line < len(lines) else ""
            col = line.find(m.group(0), start.column)
            out.append((start.line + 1, (col if col >= 0 else start.column) + 1, key, m.group(0)))
    return sorted(out)


def _reads_escapes(key: str, value: str) -> bool:
    if key == "code" or "regex" in key:
        return True
    try:
        json.loads(value)
    except ValueError:
        return False
    return True


@rule(
    "FILE011",
    "error",
    'no escape (`\\n`, `\\t`, `\\u00e9`, `\\"`) in a single-quoted or unquoted YAML value, which keeps it as typed',
    "Only a double-quoted YAML value processes escapes: in single quotes or unquoted, `'1\\nok'` is a backslash and an "
    "n, not two lines. A drill then expects output no run prints, and a page shows the backslash. Code, regexes and "
    "JSON read their own escapes and are left alone.",
    'put the value in double quotes ("1\\nok"), or write what the escape stands for',
)
def escapes_kept(ctx: CheckContext, report: Reporter):
    from playbook.checks.files import _files

    for _, rel in _files(ctx):
        for line, col, key, escape in unprocessed_escapes("\n".join(report.lines(rel))):
            message = f"{key or 'a value'} holds {escape!r} as two characters: only double quotes process escapes"
            yield report.at(rel, line, col, message)
