"""The data's Markdown text as the site's Markdown reads it (TXT008): text, emphasis, code spans and links only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from playbook.checks import cache as pc
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.foreign_text import CODE, LINK, foreign
from playbook.checks.markup import _BLOCK, _MARKDOWN, _NO_TARGET, _finding_at, markup, unclosed_code
from playbook.data.markup import markdown_strings, plain_strings

# What a data text may render to: paragraphs of text, emphasis, code spans and links (with an href, nothing else).
# Deny by default: any other element, or attribute, is a construct the data does not hold.
ALLOWED = {"p": set(), "em": set(), "strong": set(), "code": set(), "a": {"href"}}
# What a plain text (a title, a name, a label) may render to: words, nothing else (TXT006 names Markdown found there).
PLAIN = {"p": set()}
# Names of the constructs for the message only, by class, then by tag (an element not named here is named by its tag).
_NAMES = {
    "twemoji": "an icon or emoji shortcode (:…:)",
    "keys": "keyboard keys (++…++)",
    "critic": "a change mark ({++…++}, {--…--})",
    "arithmatex": "math ($$…$$, \\(…\\))",
    "admonition": "a box (/// note, !!! note)",
    "progress": "a progress bar ([=…%])",
    "highlight": "a code block (a line indented by four spaces)",
    "toc": "a table of contents ([TOC])",
    "del": "strikethrough (~~…~~)",
    "kbd": "keyboard keys (++…++)",
    "svg": "an icon shortcode (:…:)",
    "img": "an image or emoji shortcode",
    "mark": "highlighting (==…==)",
    "sub": "a subscript (~…~)",
    "sup": "a superscript or footnote (^…^, [^…])",
    "ins": "an insertion (^^…^^, {++…++})",
    "abbr": "an abbreviation (*[…]: …)",
    "table": "a table",
    "ul": "a list",
    "ol": "a numbered list",
    "dl": "a definition list",
    "blockquote": "a quotation (> …)",
    "pre": "a code block",
    "hr": "a horizontal rule",
    "br": "a hard line break",
    "input": "a task list's checkbox",
    "task-list": "a task list's checkbox ([ ], [x])",
    "task-list-item": "a task list's checkbox ([ ], [x])",
}
# A character, or a line's start, that Markdown or one of its extensions reads; a text without any renders as itself
# (a paragraph of text), and is not rendered at all. Deny by default: every character outside a few is one.
_ACTIVE = re.compile(
    r"[^\w \t,.;?'\"()/%–—’‘“”→←…@:-]|(?<!\w)_|_(?!\w)|:[^\s:]+:|\n|^[ \t]*(?:[-+*:]|\d+[.)])(?:[ \t]|$)|--"
    r"|^(?: {4}|\t)",
    re.M,
)
# A link's source in a code span's text: not after a name or a closing bracket (`handlers[0](req)` is a call)
_LINK_SOURCE = re.compile(r"(?<![\w\])])\[[^\]\n]+\]\([^)\s]*\)")


# What is left of a strong emphasis that closed nothing, in a text node: `**` before a word or after one, not between
# two (2**10) nor alone (a ** b). Underscores are a name's own characters (__init__, SNAKE__CASE): left alone.
_UNCLOSED = re.compile(r"(?<![\w*])\*\*(?=[^\s*])|(?<=[^\s*])\*\*(?![\w*])")


# A link's target left in the text beside a bracket: after a label's `]` (`[Rollback] (../rollback.md)`,
# `[Rollback]../rollback.md)`), or after a `[` never closed (`[Rollback(../rollback.md)`). A page or an address
# in prose alone, or in parentheses, is text ("see rollback.md", "(https://status.example.org)").
_TARGET = r"(?:(?:\.\.?/)*[\w.-]+(?:/[\w.-]+)*\.md(?:#[\w-]*)?|https?://[^\s)\]]+|mailto:[^\s)\]]+)"
_STRAY_TARGET = re.compile(rf"\][ \t]*\(?[ \t]*{_TARGET}|\[[^\]\s][^\]\n]*\([ \t]*{_TARGET}")


# TeX math left in the text: `$…$` around something that is no amount nor variable ($5 to $10, $HOME/$USER are text)
_MATH = re.compile(r"(?<![\w$\\])\$(?=[^\s$])[^$\n]*[^\s$\\]\$(?![\w$])|\$\$")
# A backslash Markdown kept (it escapes no character Markdown reads): shown as typed
_BACKSLASH = re.compile(r"\\")


class _Reader(HTMLParser):
    """The first thing in a text's HTML that the data may not hold, as a message ('' when there is none)."""

    def __init__(self, allowed: dict[str, set[str]] = ALLOWED, wrap: tuple[str, ...] = (), where: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.where = where or "in a plain text (a title, a name, a label) where Markdown is not read: shown as typed"
        self.problem, self.code, self.code_text = "", 0, ""
        self.label: str | None = None  # the text of the link being read
        self.allowed = allowed
        self.shown = ""  # the text the page shows, each code span as one CODE mark, each link as one LINK mark
        self.wrap = list(wrap)  # the elements the page itself wraps the text in (a list's item), bare, in this order

    def handle_starttag(self, tag, attrs):
        if self.problem or self.code:  # inside a code span, the highlighter's own spans are code
            return
        if self.wrap and tag == self.wrap[0] and not attrs:
            self.wrap.pop(0)
            return
        extra = sorted({name for name, _ in attrs} - self.allowed.get(tag, set()))
        if tag == "code" and dict(attrs).get("class"):
            classes = dict(attrs)["class"]
            self.problem = f'is read as <code class="{classes}">: inline highlighting (`#!lang …`), which colours the '
            self.problem += "span and drops what its `#!lang` says"
        elif tag not in self.allowed and tag in ALLOWED:
            what = {"em": "emphasis", "strong": "strong emphasis", "code": "a code span", "a": "a link"}.get(tag, tag)
            self.problem = f"is read as <{tag}>: {what}, {self.where}"
        elif tag not in self.allowed:
            classes = dict(attrs).get("class") or ""
            shown = f'<{tag} class="{classes}">' if classes else f"<{tag}>"
            self.problem = f"is read as {shown}: {_name(tag, classes)}"
        elif extra:
            self.problem = f"gives <{tag}> the attribute {extra[0]!r} (an attribute list `{{: …}}`)"
        elif tag == "a" and not (dict(attrs).get("href") or "").strip():
            self.problem = "holds a link with an empty target: it leads nowhere"
        elif tag == "a":
            self.label = ""
            self.shown += LINK
        elif tag == "code":
            self.code, self.code_text = 1, ""
            self.shown += CODE if self.label is None else ""

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "a" and self.label is not None:
            if not self.problem and not self.label.strip():
                self.problem = "holds a link with no label: nothing on the page to follow"
            self.label = None
        if tag == "code" and self.code:
            self.code = 0
            if not self.problem and (m := _LINK_SOURCE.search(self.code_text)):
                self.problem = f"holds the link {m.group(0)!r} inside a code span: it is shown as code, not a link"

    def handle_data(self, data):
        if self.label is not None:
            self.label += data
        if self.code:
            self.code_text += data
            return
        if self.label is None:  # a link's label is its LINK mark in the words shown
            self.shown += data
        if not self.problem and (m := _UNCLOSED.search(data)):
            self.problem = f"shows {m.group(0)!r} as text: a strong emphasis (`**…**`) opened or closed alone"
        elif not self.problem and "](" in data:
            at = data.index("](")
            shown = data[max(0, at - 24) : at + 24]
            self.problem = f"shows {shown!r} as text: a `](` that forms no link (its `[` missing?)"
        elif not self.problem and (m := _STRAY_TARGET.search(data)):
            self.problem = f"shows {m.group(0)!r} as text: a link's label and target that form no link"
        elif not self.problem and (m := _MATH.search(data)):
            self.problem = f"shows {m.group(0)!r} as text: TeX math (`$…$`), which the site does not typeset"
        elif not self.problem and (m := _BACKSLASH.search(data)):
            shown = data[max(0, m.start() - 12) : m.end() + 12]
            self.problem = (
                f"shows {shown!r} with its backslash: a TeX command (`\\le`), or an escape YAML kept as typed"
            )
            self.problem += " (`\\n` in single quotes)"


def _name(tag: str, classes: str) -> str:
    named = [_NAMES[c] for c in classes.split() if c in _NAMES] or [_NAMES.get(tag, "")]
    return named[0] or "not text, emphasis, a code span or a link"


def problem(
    render, text: str, allowed: dict[str, set[str]] = ALLOWED, wrap: tuple[str, ...] = (), where: str = ""
) -> str:
    """What `text` renders to that the data may not hold ('' when nothing), rendered by `render`; an extension that
    refuses the text (a snippet inclusion, `--8<--`) is such a problem too. `allowed`: the elements and attributes
    the text's kind may render to; `wrap`: those the page wraps it in (a list's `ul` and `li`), bare."""
    if not _ACTIVE.search(text):  # shown as typed: another system's words only (`h2. Title`, `bq. quoted`)
        return foreign(text)
    try:
        html = render(text)
    except Exception as e:  # an extension's refusal of the text is a finding, never a traceback
        return f"is refused by the site's Markdown: {type(e).__name__}: {e}"
    reader = _Reader(allowed, wrap, where)
    reader.feed(html)
    reader.close()
    return reader.problem or foreign(reader.shown)


def _line_of(render, text: str, found: str) -> int:
    """The offset of the first line of `text` that alone renders the same kind of problem (its start), else 0."""
    kind = found.split(":", 1)[0]
    offset = 0
    for line in text.splitlines(keepends=True):
        alone = problem(render, line)
        if alone and alone.split(":", 1)[0] == kind:
            return offset
        offset += len(line)
    return 0


def _told(text: str, plain: bool) -> bool:
    """A text another TXT rule already finds (markup, a page's block, an unclosed code span, a link without target;
    in a plain text, Markdown's emphasis, code or link)."""
    told = markup(text) or _BLOCK.search(text) or unclosed_code(text) >= 0 or _NO_TARGET.search(text)
    return bool(told or (plain and _MARKDOWN.search(text)))


# How a text is read, by its kind: Markdown (a paragraph of text), plain (words on one line), an item of a list of
# Markdown texts (the page writes it as a list's item, `- …`, where `[ ]` opens a task list's checkbox). A Markdown text
# is read as an item too: a page may set any one as a list's item (the on-call responsibilities are, each a `text:` of
# a mapping), so its start holds no block of an item's own either (a task list's `[ ]`, set 15 M03).
MARKDOWN, PLAIN_TEXT, ITEM = 0, 1, 2


def _problem_of(render, text: str, mode: int) -> str:
    """The problem of a data text read as its kind `mode` says ('' when none)."""
    if _told(text, mode == PLAIN_TEXT):
        return ""
    if mode == PLAIN_TEXT:
        if "\n" in text.strip("\n"):
            return "holds a line break: a one-line text (a title, a name, a label) ends there on the page"
        if "|" in text:  # a plain text is a table's cell (the matrix, the contacts): a pipe ends the cell
            return "holds a pipe `|`: where the text is a table's cell, it ends the cell and shifts the row"
        return problem(render, _AMONG_WORDS + text.strip("\n"), PLAIN)
    if not _ACTIVE.search(text):  # a text Markdown leaves as it is: as a paragraph and as an item alike
        return foreign(text)
    if mode == MARKDOWN and (found := problem(render, text)):
        return found
    return problem(render, "- " + text.replace("\n", "\n  "), ALLOWED, ("ul", "li"))


def _problems(ctx: CheckContext, render, texts: list[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """{(text, mode): its problem} of the distinct texts that have one: rendered once each, or read from the check's
    cache, under a hash of every text, what the renderer depends on (its `key`) and this module."""
    key = getattr(render, "key", None)
    if ctx.cache is not None and isinstance(key, bytes):
        entry = pc.key("rendered", key, Path(__file__).read_bytes(), *(f"{int(p)}{t}" for t, p in texts))
        hit = pc.rows(ctx.cache.get("rendered", entry), int, str)
        if hit is not None:
            return {texts[i]: found for i, found in hit if 0 <= i < len(texts)}
    found = {}
    for i, (text, mode) in enumerate(texts):
        if problem_ := _problem_of(render, text, mode):
            found[i] = problem_
    if ctx.cache is not None and isinstance(key, bytes):
        ctx.cache.put("rendered", entry, sorted(found.items()))
    return {texts[i]: p for i, p in found.items()}


def _texts(cat) -> Iterator[tuple[str, tuple, str, int]]:
    """(file, path, text, mode) of every Markdown text (an item of a list of them as one), then every plain one (a
    title, a name, a label)."""
    for file, path, text in markdown_strings(cat):
        yield file, path, text, ITEM if path and isinstance(path[-1], int) else MARKDOWN
    for file, path, text in plain_strings(cat):
        yield file, path, text, PLAIN_TEXT


# A plain text is shown on one line among other words (a heading's, a label's, a cell's): read as a paragraph's
# words, behind a word of its own, so a line's start is no block (`#on-call`, `1. Stop writes`, `>=` are text).
_AMONG_WORDS = "x "


@rule(
    "TXT008",
    "error",
    "the data's text renders to text, emphasis, code spans and links only, each link with a target; a plain text to "
    "words on one line",
    "Read with the extensions mkdocs.yml configures, and with those of the same ecosystem it does not "
    "(strikethrough `~~…~~`, keys `++ctrl+k++`, icons `:material-…:`, snippets `--8<--`, highlighting, footnotes, "
    "task lists), anything but text, emphasis, code spans and links is markup the data does not hold: the page "
    "shows the characters typed or builds what the data may not make, and the runner, the binder and the search "
    "show the characters typed (a struck-out `Delete old logs` reads as an instruction). A link with an empty "
    "target leads nowhere, a `](` left by a deleted `[` shows the path as text, and a link inside a code span is "
    "shown as code, not followed. A code span is shown as typed (no `#!lang` highlighting), and TeX math (`$…$`) or a "
    "backslash Markdown keeps (`\\le`, a `\\n` YAML kept in single quotes) is shown as typed, as is markup of "
    "another system (Jira's `{color:red}…{color}`, BBCode's `[b]…[/b]`, a reStructuredText role `:ref:` before a "
    'code span, an address glued to another system\'s link syntax: `url[label]`, `[url label]`, `"label":url`, '
    "never linked; another site generator's block or link: a Docusaurus fence `:::note` … `:::`, a reStructuredText "
    "directive `.. note::` or a code span glued to an underscore (its link), a Confluence heading `h2.`). A Markdown "
    "text is also read as a list's item, as a page may set it (the on-call responsibilities): `[ ]` at its start is a "
    "task list's checkbox there. A plain text (a title, a name, a label: every field "
    "the models do not declare Markdown or code) is read the same way, as words on one line: no line break, no "
    "emphasis, code span or link at all.",
    "write the words themselves (`**bold**` for emphasis, a key's name: Ctrl+K); a link as `[label](page.md#anchor)`, "
    "outside backticks, with its target; a plain text as words on one line; what is meant literally (a path, a "
    "formula, a backslash) in a code span",
)
def rendered_markdown(ctx: CheckContext, report: Reporter):
    render = ctx.render
    if render is None:  # checks run without the site's Markdown (a library call): nothing to read it with
        return
    cat = ctx.catalog
    texts = list(_texts(cat))
    found_in = _problems(ctx, render, list(dict.fromkeys((text, mode) for _, _, text, mode in texts)))
    for file, path, text, mode in texts:
        if found := found_in.get((text, mode)):
            at = _line_of(render, text, found) if "\n" in text and mode == MARKDOWN else 0
            yield _finding_at(cat, report, file, path, text, at, f"the text {found}")
