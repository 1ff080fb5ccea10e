"""Checker rules on where the data's lines break: a line end other than LF (FILE014), and unquoted text that YAML
folds over more than one line (FILE015)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.positions import locate
from playbook.errors import dotted

# A line break of some other system, or one YAML reads and an editor, git or a diff does not: CR LF (Windows), CR
# alone (classic Mac OS), NEL, U+2028 and U+2029 (YAML 1.1's line breaks, which no editor breaks a line at).
_OTHER_BREAK = re.compile("\r\n?|[\x85\u2028\u2029]")
_SAID = {
    "\r\n": "ends in CR LF (a Windows line end)",
    "\r": "holds a carriage return (CR) alone (a classic Mac OS line end, or a stray character)",
    "\x85": "holds U+0085 (NEXT LINE), which YAML reads as a line break and an editor does not show",
    "\u2028": "holds U+2028 (LINE SEPARATOR), which YAML reads as a line break and an editor does not show",
    "\u2029": "holds U+2029 (PARAGRAPH SEPARATOR), which YAML reads as a line break and an editor does not show",
}


def _data_files(root: Path) -> list[Path]:
    """Every file under the data folder (its YAML, schemas, the app's stand-in contract), hidden ones left out."""
    out = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out += [Path(folder) / n for n in sorted(names) if not n.startswith(".")]
    return out


def other_breaks(text: str) -> list[tuple[int, int, str]]:
    """(line, column, what) of every line end of `text` other than LF, lines counted as every reader of the data
    counts them (a CR LF or a CR is one break). Each line is one finding: the line an editor is sent to is one that
    is wrong, whichever it looks at; in a file whose every line ends in CR LF, line 1 says so (one save fixes all)."""
    if "\r" not in text and text.isascii():
        return []  # nearly every file
    found = list(_OTHER_BREAK.finditer(text))
    if not found:
        return []
    ends = text.count("\n")
    whole = ends and sum(m.group(0) == "\r\n" for m in found) == ends == len(found)
    out = []
    line, done, bol = 1, 0, 0  # the line reached, the offset read up to, the offset that line begins at
    for m in found:
        before = text[done : m.start()]
        line += before.count("\n")
        if (last := before.rfind("\n")) >= 0:
            bol = done + last + 1
        what = f"this line {_SAID[m.group(0)]}"
        if whole:
            what = "ends every line in CR LF (Windows line ends)" if line == 1 else f"{what}, as every line of the file"
        out.append((line, m.start() - bol + 1, what))
        done = m.end()
        if m.group(0).startswith("\r"):  # a line end to every reader; NEL and the separators are none to an editor
            line, bol = line + 1, done
    return out


@rule(
    "FILE014",
    "error",
    "every line of a data file ends in a line feed (LF) alone, the last one too: no CR LF, no CR, no NEL or U+2028",
    "The data's files end their lines in LF. A line pasted from a Windows editor keeps its CR LF: the file then has "
    "mixed line ends that git, the diff and the review show as a change of the whole line (or not at all), that "
    "shell tools reading the file keep as a `\\r` at the end of the value, and that hides in the line. A CR alone, "
    "NEL (U+0085) or a line separator (U+2028, U+2029) typed into the file is a line break to YAML and none to the "
    "editor: YAML folds the text or ends it where the reader sees one line. A last line saved without its LF is "
    "shown by git as changed by the next edit that appends a line, and shell tools (`wc -l`, `while read`) drop it.",
    "save the file with LF line ends (the editor's status bar: CRLF → LF); delete a separator, or break the line",
)
def line_ends(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for path in _data_files(cat.project.data):
        try:
            raw = path.read_bytes()
        except OSError:
            continue
        unended = bool(raw) and not raw.endswith(b"\n")
        if not unended and b"\r" not in raw and b"\xc2\x85" not in raw and b"\xe2\x80" not in raw:
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue  # not text, or not UTF-8 (the loader's LOAD002)
        rel = cat.rel(path)
        for line, col, what in other_breaks(text):
            yield report.at(rel, line, col, what)
        if unended and not text.endswith("\r"):  # a CR at the end is the finding above
            last = text.split("\n")
            what = "the file's last line ends in no line feed (\\ No newline at end of file): every line ends in LF"
            yield report.at(rel, len(last), len(last[-1]) + 1, what, "end the last line with a line break (Enter)")


# A list item's dash line turned into a comment (`  # - title: …`): the dash's column, and the comment's.
_HIDDEN_DASH = re.compile(r"^(?P<hash>\s*)#\s*(?P<dash>-) +[\w-]+:")


def hidden_dashes(lines: list[str]) -> list[tuple[int, int]]:
    """(line, column) of every comment that hides only the `- key:` line of a list item: the line after it (past
    blank lines and further comments) is a key of that item, indented under the dash, that YAML then reads as a
    key of the item above (a list item that lost its dash)."""
    out = []
    for n, text in enumerate(lines, 1):
        if not (m := _HIDDEN_DASH.match(text)):
            continue
        nxt = next((t for t in lines[n:] if t.strip() and not t.lstrip().startswith("#")), "")
        indent = len(nxt) - len(nxt.lstrip())
        if not nxt.lstrip().startswith("- ") and m.end("hash") < indent <= m.start("dash") + 2:
            out.append((n, m.end("hash") + 1))
    return out


@rule(
    "FILE015",
    "error",
    "no unquoted text runs on over a second line, no item's keys over the item above (a list item that lost its dash)",
    "YAML folds an unquoted value that goes on over the next, more indented line into one line: a list item whose "
    "`- ` was deleted becomes the end of the item before it (`Any SEV-1 alert fires Multiple users report same "
    "issue`), and a `key: value` line that lost its colon the end of the value above. The file still loads, one "
    "item or key is gone, and nothing says so. No text of the data is written over two lines unquoted: a long text "
    "is a block scalar (`>` or `|`) or a quoted string. A comment that hides only an item's `- title:` line does the "
    "same to its other keys: they become the keys of the step above, which then runs and says what the hidden one did.",
    "put back the `- ` (or the `:`) the line lost; text meant as one value goes on one line, or in a block scalar "
    "(`key: >`) or quotes",
)
def folded_plain_text(ctx: CheckContext, report: Reporter):
    for rel, positions in ctx.catalog.positions.items():
        for path, line in getattr(positions, "folded", ()):
            at = locate(positions, path)
            lines = report.lines(rel)
            while line < len(lines) and not lines[line - 1].strip():
                line += 1  # a blank line inside the text: YAML keeps it as a line break
            text = lines[line - 1] if line <= len(lines) else ""
            col = len(text) - len(text.lstrip()) + 1
            message = f"this line continues the unquoted text of line {at[0]}: YAML reads the two as one value"
            yield report.at(rel, line, col, message, field=dotted(path))
    for rel in ctx.catalog.positions:
        for line, col in hidden_dashes(report.lines(rel)):
            message = "this comment hides only the `- ` line of a list item: the item's other keys join the item above"
            yield report.at(rel, line, col, message, "comment out (or delete) every line of the item, or none")
