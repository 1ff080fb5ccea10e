"""Extract every fenced code block from the rendered pages (after macros), and count them in the built HTML."""

from __future__ import annotations

import html
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from playbook.build import build_site
from playbook.markdown import FENCE_LANG
from playbook.render_runbook import MANUAL
from playbook.rendered import ENV_VAR

KINDS = tuple(FENCE_LANG)
_KIND = re.compile(r'data-kind="([^"]*)"')
_OPENER = re.compile(r'^(\s*)(!!!|\?\?\?\+?|===)\s*(\S*)\s*(?:"(.*)")?\s*$')
_HTML_BLOCK = re.compile(r'<div class="highlight"([^>]*)>')


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


def parse_page(page: str, text: str) -> list[CodeBlock]:
    """Every fenced block of one rendered page, including fences inside `!!!` admonitions and `===` tabs."""
    md = MarkdownIt("commonmark").disable("code")
    tokens = md.parse(text)
    lines = text.splitlines()
    blocks, heading, label = [], "", None
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            heading, label = _text(tokens[i + 1].content), None
        elif tok.type == "paragraph_open" and tokens[i + 1].content.startswith("**"):
            content = _text(tokens[i + 1].content)
            label = content.rstrip(":") if content.endswith(":") else label
        elif tok.type == "fence":
            m = _KIND.search(tok.info)
            start = tok.map[0]
            boxes = _containers(lines, start)
            tab = next((t for mark, _, t in reversed(boxes) if mark == "==="), None)
            danger = any(mark == "!!!" and typ == "danger" for mark, typ, _ in boxes)
            manual = any(mark == "!!!" and MANUAL in _box_text(lines, start) for mark, _, _ in boxes)
            blocks.append(
                CodeBlock(
                    page, start + 1, m.group(1) if m else None, tok.content, heading, tab or label, danger, manual
                )
            )
    return blocks


def _box_text(lines: list[str], line: int) -> str:
    """The lines between the innermost enclosing admonition opener and `line`."""
    indent = len(lines[line]) - len(lines[line].lstrip())
    out = []
    for i in range(line - 1, -1, -1):
        text = lines[i]
        out.append(text)
        if text.strip() and len(text) - len(text.lstrip()) < indent and text.lstrip().startswith("!!!"):
            break
    return "\n".join(out[::-1])


def parse_pages(pages: dict[str, str]) -> list[CodeBlock]:
    return [b for page in sorted(pages) for b in parse_page(page, pages[page])]


def html_kinds(site: Path) -> dict[str, list[str | None]]:
    """The data-kind of each highlighted code block of each built page, keyed by the page's source path."""
    found = {}
    for f in sorted(site.rglob("*.html")):
        attrs = _HTML_BLOCK.findall(f.read_text(encoding="utf-8"))
        if attrs:
            found[f.relative_to(site).with_suffix(".md").as_posix()] = [
                m.group(1) if (m := _KIND.search(a)) else None for a in attrs
            ]
    return found


def html_counts(site: Path) -> dict[str, int]:
    """Number of highlighted code blocks per built page, keyed by the page's source path."""
    return {page: len(kinds) for page, kinds in html_kinds(site).items()}


def render(out: Path) -> tuple[dict[str, str], Path]:
    """Build the site strictly into out/site, saving each page's rendered Markdown into out/rendered."""
    rendered, site = out / "rendered", out / "site"
    ok, log = build_site(site, env={ENV_VAR: str(rendered)})
    if not ok:
        raise RuntimeError(f"the site did not build, nothing was extracted:\n{log}")
    pages = {p.relative_to(rendered).as_posix(): p.read_text(encoding="utf-8") for p in rendered.rglob("*.md")}
    return pages, site


# Pages that only repeat other pages' blocks (the print binder): checked to be exact repeats, then left out.
COMPILATIONS = ("binder.md",)


def compilation_problems(blocks: list[CodeBlock], counts: dict[str, int]) -> list[str]:
    """A compilation page must show exactly its rendered blocks, each a copy of a block of another page."""
    originals = {(b.kind, b.code) for b in blocks if b.page not in COMPILATIONS}
    problems = []
    for page in COMPILATIONS:
        mine = [b for b in blocks if b.page == page]
        if len(mine) != counts.get(page, 0):
            problems.append(
                f"{page}: {len(mine)} fenced block(s) in the rendered Markdown but {counts.get(page, 0)} in the HTML"
            )
        problems += [
            f"{b.where}: block is not a copy of any runbook page's block"
            for b in mine
            if (b.kind, b.code) not in originals
        ]
    return problems


def extract(out: Path | None = None) -> tuple[list[CodeBlock], dict[str, int]]:
    """(blocks from the rendered Markdown, block counts from the built HTML), compilation pages left out."""
    if out is None:
        with tempfile.TemporaryDirectory(prefix="playbook-extract-") as tmp:
            return extract(Path(tmp))
    pages, site = render(out)
    return without_compilations(parse_pages(pages), html_counts(site))


def without_compilations(blocks: list[CodeBlock], counts: dict[str, int]) -> tuple[list[CodeBlock], dict[str, int]]:
    """Leave out the compilation pages once they are shown to repeat runbook blocks exactly."""
    problems = compilation_problems(blocks, counts)
    if problems:
        raise RuntimeError("\n".join(problems))
    kept = [b for b in blocks if b.page not in COMPILATIONS]
    return kept, {p: n for p, n in counts.items() if p not in COMPILATIONS}


def cross_check(blocks: list[CodeBlock], counts: dict[str, int]) -> list[str]:
    """Problems: a page whose HTML block count differs from the extractor's, or an unclassified block."""
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
    for page in sorted(set(per_page) | set(counts)):
        if per_page.get(page, 0) != counts.get(page, 0):
            problems.append(
                f"{page}: {per_page.get(page, 0)} fenced block(s) in the rendered Markdown but "
                f"{counts.get(page, 0)} code block(s) in the HTML (SuperFences drops a fence it cannot parse)"
            )
    return problems
