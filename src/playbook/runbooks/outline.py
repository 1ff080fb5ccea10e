"""The steps a rendered runbook page shows (headings marked `.pb-step`), with their prose, for `playbook run`."""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from playbook.markdown import slug
from playbook.runbooks.extract import _indent, _text, _tokens
from playbook.runbooks.page_marks import FAILS, STEP

_BOX = re.compile(r'^(!!!|\?\?\?\+?|===)\s*(\S*)\s*(?:"(.*)")?\s*$')
_LABEL = re.compile(r"^\*\*[^*]+:\*\*$")  # "**1. Stop writes:**" names the block below it: not the step's prose
_FAILS = tuple(f"**{label}:**" for label in FAILS.values())  # what a block's failure means: shown when it fails
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


class PageStep(NamedTuple):
    title: str  # the heading's text, its page number ("3. ") left off
    line: int  # 1-based line of the heading
    end: int  # 1-based line where it ends: the next heading of its level or above, or the next step heading
    text: list[str]  # the step's paragraphs as plain text, a Verify box as "Verify: …"
    anchor: str = ""  # the heading's anchor on the page (its number included: `1-check-database-connection`)
    links: tuple[str, ...] = ()  # the targets of the links in the step's prose, as written (`../rollback.md#…`)


def page_steps(markdown: str) -> list[PageStep]:
    """Every step heading of one rendered page, in order, with the prose written under it."""
    toks = _tokens(markdown)
    lines = markdown.split("\n")
    heads = [(k, t, int(t.info.split()[0])) for k, t in enumerate(toks) if t.type == "heading"]
    out = []
    for n, (k, tok, level) in enumerate(heads):
        if not _step(tok):
            continue
        # a step ends at the next heading of its level or above, or at the next step heading (a sub-step)
        nxt = next(((j, t) for j, t, lv in heads[n + 1 :] if lv <= level or _step(t)), (len(toks), None))
        end = nxt[1].line + 1 if nxt[1] else len(lines) + 1
        text, links, box = [], [], None
        for t in toks[k + 1 : nxt[0]]:
            if t.type != "paragraph":
                continue
            if m := _BOX.match(t.content):
                box = m.group(3) or m.group(2)
                continue
            outside = _indent(lines[t.line]) == 0
            if outside and not _LABEL.match(t.content) and not t.content.startswith(_FAILS):
                text.append(_plain(t.content))
                links += _LINK.findall(t.content)
                box = None
            elif not outside and box == "Verify":
                text.append("Verify: " + _plain(t.content))
        title = re.sub(r"^\d+\.\s+", "", _text(tok.content))
        out.append(PageStep(title, tok.line + 1, end, text, slug(tok.content), tuple(links)))
    return out


def _step(heading) -> bool:
    return f".{STEP}" in heading.info.split()


def _plain(paragraph: str) -> str:
    """A paragraph as the terminal shows it: links as their text, emphasis and code marks dropped; one line,
    or one line per item of a list."""
    rows = [line.strip() for line in paragraph.splitlines()]
    items = all(r.startswith(("- ", "* ")) or re.match(r"\d+\. ", r) for r in rows)
    return "\n".join(_inline(r) for r in (rows if items else [" ".join(rows)]))


def _inline(text: str) -> str:
    """Links as their text, `**` and backticks dropped, entities decoded (`_` stays: it is in names)."""
    return html.unescape(re.sub(r"\*\*|`", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text))).strip()
