"""Extract every fenced code block from the rendered pages (after macros); compare a page's blocks with its HTML."""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from playbook.markdown import FENCE_LANG
from playbook.runbooks.page_marks import MANUAL, SAFE_NOTE

KINDS = tuple(FENCE_LANG)
_KIND = re.compile(r'data-kind="([^"]*)"')
_OPENER = re.compile(r'^(\s*)(!!!|\?\?\?\+?|===)\s*(\S*)\s*(?:"(.*)")?\s*$')
_HTML_BLOCK = re.compile(r'<div class="highlight"([^>]*)>.*?<code>(.*?)</code>', re.S)
_TAG = re.compile(r"<[^>]+>")
_NOTE = re.compile(rf"^\s*\*\*(Changes|Undo|{SAFE_NOTE}):\*\*")


@dataclass(frozen=True)
class CodeBlock:
    """One fenced block as the reader sees it: where it is, how it is classified, what it holds."""

    page: str  # src_uri of the page, e.g. scenarios/database-down.md
    line: int  # 1-based line of the opening fence in the rendered Markdown
    kind: str | None  # data-kind attribute, None when missing
    code: str
    heading: str  # nearest heading above, as text
    label: str | None  # tab title or "**Label:**" paragraph above the block, if any
    danger: bool  # inside a `!!! danger` admonition
    manual: bool  # inside an admonition saying it needs production access
    notes: tuple[str, ...] = ()  # its box's "Changes: …", "Undo: …" or "Why it is safe: …" lines, as plain text

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def classified(self) -> bool:
        return self.kind in KINDS


def _containers(lines: list[str], line: int) -> list[tuple[str, str, str]]:
    """The admonitions/tabs enclosing 0-based `line`, outermost first: (marker, type, title) each."""
    indent = len(lines[line]) - len(lines[line].lstrip())
    found: list[tuple[str, str, str]] = []
    if indent == 0:
        return found
    for i in range(line - 1, -1, -1):
        text = lines[i]
        if not text.strip():
            continue
        ind = len(text) - len(text.lstrip())
        if ind < indent:
            m = _OPENER.match(text)
            if m:
                found.append((m.group(2), m.group(3), html.unescape(m.group(4) or "")))
            indent = ind
            if ind == 0:
                break
    return found[::-1]


def _text(inline: str) -> str:
    return html.unescape(re.sub(r"[*_`]", "", inline)).strip()


# Block structure read line by line: the subset of CommonMark (as markdown-it reads it with code blocks,
# lists, quotes, tables, rules and references off) that locates a fence, its heading and its label.
# Every build compares the fences found so with the code blocks of the real HTML.
_FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$")
_ATX = re.compile(r"^[ \t]*(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_ATTRS = re.compile(r"^(.*?)(?:[ \t]*\{:?[ \t]*([^{}]*?)[ \t]*\})?$", re.S)  # attr_list: `## Title { .cls }`
_HTML_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|"
    "dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|"
    "li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|"
    "tfoot|th|thead|title|tr|track|ul"
)
_HTML_OPEN = re.compile(rf"^[ \t]*</?(?:{_HTML_BLOCK_TAGS})(?=[ \t>]|/>|$)", re.I)
_ATTR = r"""\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?"""
_HTML_OTHER = re.compile(rf"^[ \t]*(?:<[A-Za-z][\w-]*(?:{_ATTR})*\s*/?>|</[A-Za-z][\w-]*\s*>)[ \t]*$")  # a tag alone
_HTML_COMMENT = re.compile(r"^[ \t]*<!--")


class _Token(NamedTuple):
    type: str  # "heading", "paragraph" or "fence"
    line: int  # 0-based first line
    content: str
    info: str = ""  # a fence's info string; a heading's level and attr_list ("3 .pb-step")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _fence_opener(line: str) -> tuple[str, str] | None:
    m = _FENCE_OPEN.match(line)
    if not m or (m.group(1)[0] == "`" and "`" in m.group(2)):
        return None
    return m.group(1), m.group(2)


def _tokens(text: str) -> list[_Token]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out: list[_Token] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if opener := _fence_opener(line):
            marks, info = opener
            indent, j = _indent(line), i + 1
            while j < n:
                s = lines[j].lstrip(" \t")
                if s.startswith(marks[0] * len(marks)) and not s.lstrip(marks[0]).strip():
                    break
                j += 1
            body = [x[min(indent, _indent(x)) :] for x in lines[i + 1 : j]]
            out.append(_Token("fence", i, "".join(b + "\n" for b in body), info))
            i = j + 1
            continue
        if h := _ATX.match(line):
            title, attrs = _ATTRS.match(_CLOSING_HASHES.sub("", h.group(2) or "").strip()).groups()
            out.append(_Token("heading", i, title, f"{len(h.group(1))} {attrs or ''}".strip()))
            i += 1
            continue
        if _HTML_COMMENT.match(line):
            while i < n and "-->" not in lines[i]:
                i += 1
            i += 1
            continue
        if _HTML_OPEN.match(line) or _HTML_OTHER.match(line):
            while i < n and lines[i].strip():
                i += 1
            continue
        start, i = i, i + 1
        while i < n and lines[i].strip():
            nxt = lines[i]
            if _indent(nxt) <= 3 and (
                _fence_opener(nxt) or _ATX.match(nxt) or _HTML_OPEN.match(nxt) or _HTML_COMMENT.match(nxt)
            ):
                break
            i += 1
        out.append(_Token("paragraph", start, "\n".join(lines[start:i]).strip()))
    return out


def parse_page(page: str, text: str) -> list[CodeBlock]:
    """Every fenced block of one rendered page, including fences inside `!!!` admonitions and `===` tabs."""
    lines = text.splitlines()
    blocks, heading, label = [], "", None
    for tok in _tokens(text):
        if tok.type == "heading":
            heading, label = _text(tok.content), None
        elif tok.type == "paragraph" and tok.content.startswith("**"):
            content = _text(tok.content)
            label = content.rstrip(":") if content.endswith(":") else label
        elif tok.type == "fence":
            m = _KIND.search(tok.info)
            start = tok.line
            boxes = _containers(lines, start)
            tab = next((t for mark, _, t in reversed(boxes) if mark == "==="), None)
            danger = any(mark == "!!!" and typ == "danger" for mark, typ, _ in boxes)
            manual = any(mark == "!!!" and MANUAL in _box_text(lines, start) for mark, _, _ in boxes)
            box = _box_text(lines, start, whole=True).splitlines() if any(mark == "!!!" for mark, _, _ in boxes) else []
            notes = tuple(html.unescape(re.sub(r"\*\*|`", "", x)).strip() for x in box if _NOTE.match(x))  # `_` stays
            kind = m.group(1) if m else None
            blocks.append(CodeBlock(page, start + 1, kind, tok.content, heading, tab or label, danger, manual, notes))
    return blocks


def _box_text(lines: list[str], line: int, whole: bool = False) -> str:
    """The lines between the innermost enclosing admonition opener and `line`; with `whole`, the rest of the box
    too (a box's notes may stand before or after its fence)."""
    indent = len(lines[line]) - len(lines[line].lstrip())
    out = []
    for i in range(line - 1, -1, -1):
        text = lines[i]
        out.append(text)
        if text.strip() and len(text) - len(text.lstrip()) < indent and text.lstrip().startswith("!!!"):
            break
    opener = len(out[-1]) - len(out[-1].lstrip())
    below = itertools.takewhile(lambda t: not t.strip() or len(t) - len(t.lstrip()) > opener, lines[line:])
    return "\n".join(out[::-1] + (list(below) if whole else []))


def parse_pages(pages: dict[str, str]) -> list[CodeBlock]:
    return [b for page in sorted(pages) for b in parse_page(page, pages[page])]


def html_blocks(page_html: str) -> list[tuple[str | None, str]]:
    """(data-kind or None, the code's text as the copy button copies it) of each code block of a built page."""
    return [
        (m.group(1) if (m := _KIND.search(attrs)) else None, html.unescape(_TAG.sub("", code)))
        for attrs, code in _HTML_BLOCK.findall(page_html)
    ]


def html_kinds(site: Path) -> dict[str, list[str | None]]:
    """The data-kind of each highlighted code block of each built page, keyed by the page's source path."""
    found = {}
    for f in sorted(site.rglob("*.html")):
        blocks = html_blocks(f.read_text(encoding="utf-8"))
        if blocks:
            found[f.relative_to(site).with_suffix(".md").as_posix()] = [kind for kind, _ in blocks]
    return found


def html_counts(site: Path) -> dict[str, int]:
    """Number of highlighted code blocks per built page, keyed by the page's source path."""
    return {page: len(kinds) for page, kinds in html_kinds(site).items()}


class Fence(NamedTuple):
    line: int  # 1-based line of the opening fence
    kind: str | None
    code: str


def fences(markdown: str) -> list[Fence]:
    """Each fenced block of one rendered page, in order, as extraction reads it."""
    return [
        Fence(t.line + 1, m.group(1) if (m := _KIND.search(t.info)) else None, t.content)
        for t in _tokens(markdown)
        if t.type == "fence"
    ]


def html_problems(page: str, found: list[Fence], page_html: str) -> list[str]:
    """A page whose HTML does not show exactly its fences: same count, order, kinds and code (the build's check)."""
    shown = html_blocks(page_html)
    if len(found) != len(shown):
        return [
            f"{page}: {len(found)} fenced block(s) in the rendered Markdown but {len(shown)} code block(s) "
            "in the HTML (SuperFences drops a fence it cannot parse: check the fence's options)"
        ]
    problems = []
    for (line, kind, code), (html_kind, html_code) in zip(found, shown, strict=True):
        if kind != html_kind:
            problems.append(f"{page}:{line}: code block has data-kind {html_kind!r} in the HTML but {kind!r} here")
        elif code != html_code:
            pairs = zip(code.splitlines(), html_code.splitlines(), strict=False)
            first = next((a for a, b in pairs if a != b), code[:60])
            problems.append(f"{page}:{line}: code block shows other text in the HTML than was extracted, at {first!r}")
    return problems


# Pages that only repeat other pages' blocks (the print binder): each build checks that they are exact
# repeats, so extraction leaves them out.
COMPILATIONS = ("binder.md",)


def compilation_problems(pages: dict[str, list[Fence]]) -> list[str]:
    """Each block of a compilation page must be a copy of a block of another page."""
    originals = {(f.kind, f.code) for page, found in pages.items() if page not in COMPILATIONS for f in found}
    return [
        f"{page}:{f.line}: block is not a copy of any runbook page's block"
        for page in COMPILATIONS
        for f in pages.get(page, [])
        if (f.kind, f.code) not in originals
    ]


def cross_check(blocks: list[CodeBlock], counts: dict[str, int] | None = None) -> list[str]:
    """Problems: an unclassified block, or (given the HTML's block counts) a page whose count differs."""
    problems = []
    per_page: dict[str, int] = {}
    for b in blocks:
        per_page[b.page] = per_page.get(b.page, 0) + 1
        if not b.classified:
            first = b.code.strip().splitlines()[0] if b.code.strip() else ""
            problems.append(
                f"{b.where}: block {first!r} has kind {b.kind!r}; "
                f'classify it with data-kind="<kind>", one of {", ".join(KINDS)}'
            )
    if counts is None:
        return problems
    for page in sorted(set(per_page) | set(counts)):
        if per_page.get(page, 0) != counts.get(page, 0):
            problems.append(
                f"{page}: {per_page.get(page, 0)} fenced block(s) in the rendered Markdown but "
                f"{counts.get(page, 0)} code block(s) in the HTML (SuperFences drops a fence it cannot parse)"
            )
    return problems
