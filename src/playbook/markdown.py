"""Markdown building blocks: the one type of publishable Markdown (`Md`), its escapers, tables, fences, boxes, tabs.

Every data string is escaped where it is written into a page: a renderer builds `Md` (Markdown safe to publish),
whose operations (`+`, `.format()`, `.join()`) escape every plain `str` operand as Markdown text (`text()`). An
f-string or a `str` method gives back a plain `str`, which the macros and pages refuse (`published`): the safe
way is the only one that works. `Md("…")` with a literal is code's own Markdown; tests/test_escape.py checks
that nothing outside this module wraps anything else in `Md`. Where the data lands in HTML rather than Markdown
(a nav title, a tag, an attribute, the hidden search-terms line), `html_text()` and `in_html()` escape it.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterable

from markdown.extensions.toc import slugify
from markupsafe import escape as _html_escape


class Md(str):
    """Markdown source that is safe to publish: made by the escapers below, or by code from a literal."""

    __slots__ = ()

    def __add__(self, other: str) -> Md:
        return Md(str.__add__(self, _md(other)))

    def __radd__(self, other: str) -> Md:
        return Md(str.__add__(_md(other), self))

    def __mul__(self, n) -> Md:  # type: ignore[override]
        return Md(str.__mul__(self, n))

    def format(self, *args, **kwargs) -> Md:  # type: ignore[override]
        """`str.format`, each argument escaped as Markdown text unless it is Md or a number."""
        return Md(str.format(self, *map(_md, args), **{k: _md(v) for k, v in kwargs.items()}))

    def join(self, items: Iterable[str]) -> Md:  # type: ignore[override]
        return Md(str.join(self, map(_md, items)))


def _md(value):
    """An operand of Md's operations: Md and numbers as they are, anything else escaped as Markdown text."""
    if isinstance(value, Md) or (isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    return text(value if isinstance(value, str) else str(value))


# Characters that would make Markdown or HTML out of text, as entities (Python-Markdown passes them through,
# the browser shows the character): tags and character references, attribute lists, links, images and
# reference definitions, code spans, backslash escapes.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;"}
_ENTITIES |= {"`": "&#96;", "\\": "&#92;", "*": "&#42;"}
# At the start of a line (after spaces), these open blocks that set classes and elements: admonitions (`!!!`),
# details (`???`), tabs and setext headings (`===`), tilde fences (`~~~`).
_LINE_START = {"!": "&#33;", "?": "&#63;", "=": "&#61;", "~": "&#126;"}
_BACKSLASHED = set("\\`*_{}[]()>#+-.!")  # what a Markdown backslash escape makes literal (Python-Markdown's list)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # Python-Markdown's placeholders (STX, ETX) among them
_LINK = re.compile(r"(!?)\[((?:[^\[\]\n`\\]|`[^`\n]+`)*)\]\(([^\s()<>\"'`\\]*)\)")
# A link target the site may publish: a relative page (`../rollback.md#x`), an #anchor, or an http(s)/mailto address.
SAFE_TARGET = re.compile(r"(?:https?://|mailto:)[A-Za-z0-9._~:/?#@!$'*+,;=%-]+|[A-Za-z0-9._~/#?=%-]*")


def text(value: str) -> Md:
    """A data string as Markdown text: its code spans, emphasis and links (to a page, an #anchor, an http(s) or
    mailto address) keep their meaning; every character that would make HTML, an attribute list, another link,
    an image, a box or a tab is written as an entity, so the string shows as written, whatever the context.

    A code span is kept as written only when it closes on the same line: Python-Markdown escapes its content
    (`<NoteForm>`, `{"sessionId":"123"}` show as code). A backtick that closes nothing is an entity, so no
    code span can start in one string and end in another."""
    return Md(_text(_CONTROL.sub("\ufffd", value), links=True))


_SPECIAL = re.compile(r"[&<>\[\]{}`\\!?=~\n]")
_SPECIAL_LONE = re.compile(r"[&<>\[\]{}`\\!?=~\n*]")


def _text(s: str, links: bool) -> str:
    # An odd number of `*` outside code spans: one closes nothing in the string and would pair with the page's own
    # emphasis after it (`write.*.error` before `*Fix:*`), so all are entities; marks that pair keep their meaning.
    # (An `_` inside a word is no emphasis to Python-Markdown, and the pages' own emphasis is `*`.)
    special = _SPECIAL_LONE if outside_code(s).count("*") % 2 else _SPECIAL
    out: list[str] = []
    i, n, line_start = 0, len(s), True
    while i < n:
        m = special.search(s, i)
        if m is None:
            out.append(s[i:])
            break
        if m.start() > i:  # ordinary characters, as they are
            out.append(s[i : m.start()])
            line_start = line_start and not s[i : m.start()].strip(" \t")
            i = m.start()
        c = s[i]
        if c == "\\" and i + 1 < n and s[i + 1] in _BACKSLASHED:  # a backslash escape: the character itself
            c2 = s[i + 1]
            out.append(_ENTITIES.get(c2) or _LINE_START.get(c2) or f"&#{ord(c2)};")
            i, line_start = i + 2, False
            continue
        if c == "`":
            end = _code_span_end(s, i)
            if end:  # a span holding & or < derails Python-Markdown's raw-HTML pass: written as HTML (code())
                inner = s[i + _run(s, i) : end - _run(s, i)]
                out.append(str(code(inner[1:-1] if inner[:1] == inner[-1:] == " " != inner else inner)))
            else:
                end = i + _run(s, i)
                out.append("&#96;" * (end - i))
            i, line_start = end, False
            continue
        if links and c in "![" and (m := _LINK.match(s, i)) and SAFE_TARGET.fullmatch(m.group(3)):
            bang = "&#33;" if m.group(1) else ""  # an image is shown as a link: the site loads nothing from data
            out.append(f"{bang}[{_text(m.group(2), links=False)}]({m.group(3)})")
            i, line_start = m.end(), False
            continue
        if line_start and c in _LINE_START:
            out.append(_LINE_START[c])
        elif c == "!" and s.startswith("[", i + 1):
            out.append("&#33;")
        else:
            out.append(_ENTITIES.get(c, c))
        line_start = c == "\n"
        i += 1
    return "".join(out)


def _run(s: str, i: int) -> int:
    j = i
    while j < len(s) and s[j] == "`":
        j += 1
    return j - i


def _code_span_end(s: str, i: int) -> int | None:
    """The end of the code span that opens at `i` (a run of n backticks closed by the next run of exactly n on the
    same line, as Python-Markdown pairs them), or None."""
    n = _run(s, i)
    j = i + n
    while j < len(s) and s[j] != "\n":
        if s[j] == "`":
            k = _run(s, j)
            if k == n:
                return j + k
            j += k
        else:
            j += 1
    return None


def outside_code(value: str) -> str:
    """`value` with each code span `text()` keeps blanked out (same length, so offsets still hold)."""
    if "`" not in value:
        return value
    out, i = [], 0
    while (j := value.find("`", i)) >= 0:
        out.append(value[i:j])
        escaped = (j - len(value[:j].rstrip("\\"))) % 2  # after an odd run of backslashes: a literal backtick
        if escaped or not (end := _code_span_end(value, j)):
            end = j + _run(value, j)
            out.append(value[j:end])
        else:
            out.append(" " * (end - j))
        i = end
    out.append(value[i:])
    return "".join(out)


def line(value: str) -> Md:
    """A data string where a line break would end what holds it (a heading, a bold label): Markdown text (Md as
    it is) on one line."""
    return Md(_md(value).replace("\n", " "))


def code(value: str) -> Md:
    """A value as an inline code span, shown exactly as written (on one line): its fence is longer than any run
    of backticks inside it, so nothing in it can close the span."""
    value = _CONTROL.sub("\ufffd", value).replace("\n", " ")
    if not value:
        return Md("")
    if "&" in value or "<" in value:  # in backticks, `&#` or a tag derails Python-Markdown's raw-HTML pass (a later
        # raw block then lets the tag through): written as HTML, all but letters, digits and spaces as references
        out = (c if c.isalnum() or c == " " else (_ENTITIES[c] if c in "&<>" else f"&#{ord(c)};") for c in value)
        return Md("<code>" + "".join(out) + "</code>")
    ticks = "`" * (1 + max((len(r) for r in re.findall(r"`+", value)), default=0))
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return Md(f"{ticks}{pad}{value}{pad}{ticks}")


def link(label: str, target: str) -> Md:
    """A link to a page, an #anchor or an http(s)/mailto address, its label escaped as text, on one line."""
    if not SAFE_TARGET.fullmatch(target):
        raise ValueError(f"not a link target the site publishes: {target!r}")
    return Md(f"[{_md(label)}]({target})".replace("\n", " "))


def restructured(before: Md, after: str) -> Md:
    """`before` after a rewrite of code's own Markdown around the data (heading levels, link targets between
    pages, ids), which moves no character of the data: Md again. Refuses a `before` that was not Md."""
    if not isinstance(before, Md):
        raise TypeError(f"only Md is rewritten, not {type(before).__name__}")
    return Md(after)


def published(value: str, where: str) -> Md:
    """`value` where a page is made of it (a macro's output, a generated page): Md, or a TypeError naming
    `where`. A renderer that built a plain str (an f-string, a str method) took data unescaped."""
    if not isinstance(value, Md):
        raise TypeError(f"{where} gave a {type(value).__name__}, not Md: build pages with playbook.markdown")
    return value


def expression(value) -> Md:
    """What a page's template expression (`{{ pb.meta.system }}` in docs/) writes: Md as it is, a number or a
    string from the data escaped as Markdown text. The page templates' `finalize`, so no expression can put a
    data string into a page unescaped."""
    return _md(value) if isinstance(value, Md | str) else text("" if value is None else str(value))


def in_html(value: str) -> Md:
    """A data string inside the page's own raw HTML (an attribute, a hidden line): escaped for HTML."""
    return Md(html_text(value))


def html_text(value: str) -> str:
    """A data string where HTML is read, not Markdown (a nav title, a tag, an attribute): escaped for HTML."""
    return str(_html_escape(value))


_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
FENCE_LANG = {"shell": "bash", "sql": "sql", "jq": "bash", "typescript": "typescript", "json": "json"}  # the rest: text
FENCE_LANG |= {"chat": "text", "output": "text", "illustration": "text"}


def cell(value: str) -> Md:
    """A table cell: Markdown (a plain str is escaped as text) on one line, its pipes escaped."""
    return Md(_md(value).replace("|", "\\|").replace("\n", " "))


def table(headers: list[str], rows: list[list[str]]) -> Md:
    """A Markdown table for a page: each cell Md, or a plain str escaped as text."""
    lines = ["| " + " | ".join(map(cell, headers)) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(map(cell, row)) + " |" for row in rows]
    return Md("\n".join(lines) + "\n")


def _quoted(title: str) -> str:
    """A box's or tab's title (Markdown, escaped as text if plain) inside its double quotes, on one line."""
    return str(_md(title)).replace("\n", " ").replace('"', "&quot;")


def fence(code: str, kind: str, title: str | None = None, lang: str | None = None) -> Md:
    """A fenced block classified by kind (highlighted as its kind's language, or `lang`), the code as written."""
    # One backtick more than the code's longest run, so no line of the code can close the fence.
    ticks = "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", code)), default=0))
    attrs = f'.{lang or FENCE_LANG[kind]} data-kind="{kind}"'
    if title:
        safe = html.escape(title.replace("\n", " ")).replace("{", "&#123;").replace("}", "&#125;")
        attrs += f' title="{safe}"'
    # A line of spaces alone is an empty line to Markdown (its NormalizeWhitespace), in a fence too: write it so.
    code = re.sub(r"(?m)^[ \t]+$", "", code.rstrip())
    return Md(f"{ticks} {{ {attrs} }}\n{code}\n{ticks}\n")


def admonition(kind: str, title: str, body: str, collapsed: bool = False) -> Md:
    """A box (`!!!`), or with `collapsed` a box that shows its title only until opened (`???`)."""
    mark = "???" if collapsed else "!!!"
    return Md(f'{mark} {kind} "{_quoted(title)}"\n\n' + textwrap.indent(_md(body).rstrip() + "\n", "    ") + "\n")


def tabs(items: list[tuple[str, str]]) -> Md:
    out = []
    for title, body in items:
        out.append(f'=== "{_quoted(title)}"\n\n' + textwrap.indent(_md(body).rstrip() + "\n", "    "))
    return Md("\n".join(out) + "\n")


def search_terms(words: Iterable[str]) -> Md:
    """Search terms from the data as one hidden line (they are for the search, not the reader); placed
    before a section's first subheading, the search indexes them with that page or section. The line is
    HTML, where Markdown is not read: each word is escaped for HTML (backticks included, they stay text)."""
    unique = sorted({w.strip() for w in words if w.strip()}, key=str.lower)
    if not unique:
        return Md("")
    return Md(f'<p class="pb-keywords" hidden>Search terms: {html_text(", ".join(unique))}</p>\n')


def slug(text: str) -> str:
    """The anchor the toc extension gives a heading: its own `slugify` of the text with entities decoded
    (toc slugs the rendered text, unescaped, without tags: a link counts by its words), so links computed here match."""
    return slugify(html.unescape(re.sub(r"<[^<>\n]+>", "", _MD_LINK.sub(r"\1", text))), "-")
