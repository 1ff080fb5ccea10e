"""Markup typed into the data's text, which the site publishes as the characters typed (TXT001), text garbled by a
wrong encoding (TXT002), holding a page's block structure (TXT003), a code span never closed (TXT004), a control
character (TXT005), or Markdown where Markdown is not read (TXT006)."""

from __future__ import annotations

import re
import unicodedata

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.markup import code_strings, data_strings, free_strings, plain_strings
from playbook.data.sourcemap import CodeMap, written
from playbook.errors import dotted
from playbook.markdown import outside_code

# A tag or comment, a character reference, an attribute list: what the site escapes, so that a reader sees
# `<strong>` or `&mdash;` where the editor meant bold or a dash. Code spans are left alone: they are code.
# Tag-like is any `<` that Markdown could read as the start of markup, closed by a `>` on its line: a tag, an
# autolink (<https://…>, <name@host>), Slack's own markup (a mention <@U024BE7LH>, <!here>), a placeholder
# (<password>). Deny by default: the only `<` allowed before a `>` is one a comparison or an arrow writes, followed
# by a space, a digit, `=`, `-` or another `<` (a < b, <5 min, <=, <->).
_MARKUP = re.compile(
    r"<[^\s\d=<>-][^<>\n]*>|<!--|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,9});|\{:?\s*[.#][\w-]"
)


@rule(
    "TXT001",
    "error",
    "no HTML, character reference or attribute list in the data's text (outside code spans)",
    "Every data string is escaped where it is published, keys included: markup typed into text reaches the "
    "reader, the search and the binder as the characters typed (`<strong>`, `&mdash;`, `{: #id }`), where the "
    "editor meant bold, a dash or an anchor; and a tag that only looks inert here is live wherever a reader of "
    "the data does not escape it (a status page, a chat message). Text meant literally says so in a code span. "
    "An `&` that is no reference (Q&A, R&D, AT&T) and a lone `<` or `>` (a < b, x > 5, <5 min) are text. "
    "Anything else between angle brackets is refused, whatever it holds: an autolink (`<https://example.org>`, "
    "`<name@example.org>`) shows its brackets and links nowhere, Slack's markup (`<@U024BE7LH>`, `<!here>`) names "
    "nobody on the page, and a placeholder (`<password>`) reads as a tag.",
    "write the text itself (Markdown `**bold**`, the character instead of its reference); for an address, a "
    "Markdown link `[label](https://…)`; text meant literally goes in a code span, e.g. `<password>`, where it "
    "shows as typed",
)
def markup_in_text(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, text in data_strings(cat):
        if m := _markup(text):
            message = f"{m.group(0)!r} is published as typed, not as markup"
            yield _finding_at(cat, report, file, path, text, m.start(), message, column=True)


def _markup(text: str) -> re.Match | None:
    return _MARKUP.search(outside_code(text)) if ("<" in text or "&" in text or "{" in text) else None


def markup(text: str) -> str:
    """The first tag, comment, character reference or attribute list of `text` outside its code spans ('' if none)."""
    m = _markup(text)
    return m.group(0) if m else ""


@rule(
    "TXT002",
    "error",
    "no text garbled by a wrong encoding (mojibake) in the data",
    "A file saved through a Latin-1 or Windows-1252 round trip turns every character beyond ASCII into two or "
    "three others (an en dash becomes `â€“`, é becomes `Ã©`), on every page, in search and in the binder. The "
    "garbled text is found as text whose UTF-8 bytes, read as Windows-1252, it is: read back, it is the intended "
    "text.",
    "retype the characters the message names (or undo the editor's conversion of the file)",
)
def garbled_text(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, text in data_strings(cat):
        if found := mojibake(text):
            yield report(file, path, f"{found[0]!r} is garbled text: it was {found[1]!r}")


def mojibake(text: str) -> tuple[str, str] | None:
    """(word, the word it was) for the first word that is UTF-8 read as Windows-1252; None when there is none.

    Kept by hand, not with ftfy: one round trip per word is the whole test. A word of ASCII, or with characters
    Windows-1252 cannot write (an en dash itself, emoji), or whose bytes are no UTF-8 (café), is left alone."""
    for word in re.split(r"[ \t\r\n]+", text):  # not str.split(): a garbled à is "Ã" and a no-break space
        if word.isascii():
            continue
        try:
            was = word.encode("cp1252").decode("utf-8")
        except UnicodeError:
            continue
        if was != word:
            return word, was
    return None


def _finding_at(
    cat, report: Reporter, file: str, path: tuple, text: str, at: int, message: str, column: bool = False, hint=""
):
    """A finding at offset `at` of a data string, at its YAML line and column: inside a block scalar, at its own line
    (the text's lines follow its key), as the source map places it; at the offset's column, or the line's first."""
    key = cat.where(file, path)
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1 if column else 1
    where = CodeMap(written(report.lines(file), *key), key, text).at(line, col)
    return report.at(file, *where, message, hint, field=dotted(path))


# A line that opens a block of the page's own structure: an ATX heading, a thematic break, an admonition
# (Material's `!!!`, `???` and `???+`), a content tab (`=== "…"`), a fenced code block, a footnote's definition or a
# setext heading's underline, a definition that rewrites the whole page (an abbreviation's `*[SLA]: …`, a link
# reference's `[id]: url`), a table (a row with a pipe over a delimiter row `|---|---|`); and anywhere, a
# footnote's reference (`[^1]`): the page's notes are its own.
_BLOCK = re.compile(
    r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|(?:[-*_][ \t]*){3,}$|(?:!!!|\?\?\?\+?|===)[ \t]|```|~~~|=+[ \t]*$|\[\^[^\]\s]+\]:"
    r"|\*?\[[^\]\n]+\]:(?:[ \t]|$))"
    r"|^[^\n]*\|[^\n]*\n {0,3}\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?[ \t]*)?$"
    r"|\[\^[^\]\s]+\]",
    re.M,
)


@rule(
    "TXT003",
    "error",
    "no heading, horizontal rule, admonition, content tab, code fence, footnote, table or page-wide definition "
    "(an abbreviation's, a link reference's) typed into the data's text",
    "A page's sections, anchors and boxes come from the data's structure (a step, a section, a `destructive:` "
    "block): a heading typed into a step's text adds a section the runbook does not have, with an anchor, a "
    "table-of-contents entry and a search entry of its own, and the runner shows it as typed. A table is the "
    "page's too (the binder and the search flatten it into pipes), and an abbreviation's or a link reference's "
    "definition rewrites text all over the page, far from the line that holds it.",
    "give it its own step or section in the data, or write it as a sentence (`**bold**` for emphasis); a list "
    "of values as a list field; a link inline, `[label](url)`",
)
def blocks_in_text(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, text in data_strings(cat):
        if m := _BLOCK.search(text):
            message = f"{m.group(0).strip()!r} opens a block of the page in the data's text"
            yield _finding_at(cat, report, file, path, text, m.start(), message)


@rule(
    "TXT004",
    "error",
    "every code span opened in the data's text is closed",
    "A backtick with no closing backtick of the same length opens no code span: the page shows a stray backtick and "
    "the text the editor meant as code (a path, a command) as prose, where its characters are read as Markdown.",
    "close the code span with the same number of backticks, or put a backslash before a backtick meant literally",
)
def code_spans_closed(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, text in data_strings(cat):
        if "`" in text and (at := unclosed_code(text)) >= 0:
            message = f"a code span opened at {text[at : at + 24]!r} is never closed"
            yield _finding_at(cat, report, file, path, text, at, message, column=True)


def unclosed_code(text: str) -> int:
    """The offset of the first backtick of `text` that opens no code span (no closing run of its length), or -1."""
    rest = outside_code(text)
    for m in re.finditer(r"`+", rest):
        if (m.start() - len(rest[: m.start()].rstrip("\\"))) % 2 == 0:  # not after an odd run of backslashes
            return m.start()
    return -1


# What YAML's escapes (\e, \x07, \u200b, \u2028, \ufffd…) and a paste let through its own refusal of control characters,
# by Unicode category rather than by a list: a control (Cc) but the line feed, an invisible format character (Cf:
# zero-width spaces and joiners, bidirectional marks, a soft hyphen), a line or paragraph separator (Zl, Zp: a line
# break to JavaScript and the search index, none to the page), a private-use (Co), surrogate (Cs) or unassigned (Cn)
# code point, and the replacement character, what an encoding conversion leaves where it lost a character. A tab is
# a control too (pasted from a spreadsheet it reads as a space and matches no search for the words around it); only
# code may indent its lines with tabs (a heredoc's `<<-`).
_ASCII_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f]")
_INDENTING_TAB = re.compile("^\t+", re.M)
_KINDS = {
    "Cc": "a control character",
    "Cf": "an invisible format character",
    "Zl": "a line separator (an invisible line break)",
    "Zp": "a paragraph separator (an invisible line break)",
    "Co": "a private-use character (no font draws it)",
    "Cs": "a lone surrogate",
    "Cn": "an unassigned code point",
}
_REPLACEMENT = "\ufffd"


def unseen(text: str, code: bool = False) -> tuple[int, str]:
    """(offset, what it is) of the first character of `text` a reader cannot see for what it is, or (-1, ""); in
    `code`, the tabs that indent a line are seen."""
    if code and "\t" in text:
        text = _INDENTING_TAB.sub(lambda m: " " * len(m.group(0)), text)  # same offsets
    if text.isascii():
        m = _ASCII_CONTROL.search(text)
        return (m.start(), "a tab" if m and m.group(0) == "\t" else _KINDS["Cc"]) if m else (-1, "")
    for i, ch in enumerate(text):
        if ch == _REPLACEMENT:
            return i, "a replacement character (an encoding conversion lost the character meant here)"
        kind = _KINDS.get(unicodedata.category(ch))
        if kind and ch != "\n":
            return i, "a tab" if ch == "\t" else kind
    return -1, ""


@rule(
    "TXT005",
    "error",
    "no control (a tab included), invisible, line-separator, private-use, unassigned or replacement character in the "
    "data's text",
    "YAML refuses a control character typed into a file, but not a tab, nor one written as an escape (`\\e[31m` pasted "
    "with a terminal's coloured output, `\\u200b`, `\\u2028`): it reaches the page, the runner and the binder, where a "
    "terminal obeys it and a reader sees nothing, or text that differs from what it looks like. A tab between two "
    "words (a spreadsheet's cell) shows as a space that no search for the words finds; a line separator (U+2028) is "
    "a line break to JavaScript and the search index and none to the page. A replacement character (U+FFFD, a box "
    "with a question mark), a private-use or an unassigned code point is a character lost on the way: the page shows "
    "a box where a word was. Code may indent its lines with tabs.",
    "delete it, or retype the character it stands for (a tab or a separator: a space; a terminal's colour codes: copy "
    "the message without them)",
)
def control_characters(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    code = {(file, path) for file, path, _ in code_strings(cat)}
    # every string, code and keys included: a bidirectional override in a command shows another order than bash reads
    for file, path, text in free_strings(cat):
        at, kind = unseen(text, (file, path) in code)
        if at >= 0:
            message = f"{kind} (U+{ord(text[at]):04X}) in the text"
            yield _finding_at(cat, report, file, path, text, at, message)


# Markdown an editor types for emphasis, code or a link: `**x**`, `__x__`, `` `x` ``, `[x](y)`, `[x][y]`.
_MARKDOWN = re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__|`[^`\n]+`|\[[^\]\n]+\](?:\([^)\n]*\)|\[[^\]\n]*\])")


@rule(
    "TXT006",
    "error",
    "no Markdown in a text that is not read as Markdown (a title, a name, a heading, a label, a keyword)",
    "Only the text fields of the data are Markdown (a step's text, a help line, a reason: kinds `Prose` and "
    "`MarkdownText` of the models). Every other string is plain: a step's or a scenario's title becomes a heading, "
    "an anchor, a nav entry and the runner's step name; a team's name a table's key and a receiver; a keyword a "
    "search term; an alert's title its name in Prometheus and Slack. Bold, code or a link typed there nests a link "
    "in a heading, changes its anchor, or reaches the reader as the characters typed (`**System Down**`, "
    "`[rollback](#…)`). A field the models do not declare Markdown is plain by default, so a new one is too.",
    "write the words alone; a link or emphasis belongs in the step's text, which is Markdown",
)
def markdown_in_plain_text(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, text in plain_strings(cat):
        if m := _MARKDOWN.search(text):
            message = f"{m.group(0)!r} is shown as typed here: Markdown is not read"
            yield _finding_at(cat, report, file, path, text, m.start(), message, column=True)


# A link Markdown reads only against a definition elsewhere on the page (`[label][id]`, `[label][]`), which the
# data cannot give (TXT003 refuses a definition), or a wiki's link (`[[Page]]`), which Markdown never reads.
_NO_TARGET = re.compile(r"\[\[[^\[\]\n]+\]\]|\[[^\[\]\n]+\]\[[^\[\]\n]*\]")


@rule(
    "TXT007",
    "error",
    "every link in the data's text is an inline Markdown link, `[label](target)`",
    "A reference-style link (`[Log Access][logs]`) needs a definition on the page, which the data cannot hold, and a "
    "wiki link (`[[Scenarios]]`, a Confluence or Obsidian habit) is no Markdown at all: both reach the reader as "
    "brackets around text, linking nowhere, and no link check sees them.",
    "write the link inline: `[Scenarios](index.md#scenarios-by-symptom)`",
)
def links_with_a_target(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, text in data_strings(cat):
        if ("][" in text or "[[" in text) and (m := _NO_TARGET.search(outside_code(text))):
            message = f"{m.group(0)!r} links nowhere: only an inline link `[label](target)` is read"
            yield _finding_at(cat, report, file, path, text, m.start(), message, column=True)
