"""Markup of another system in the words a data text's page shows (TXT008): shapes no sentence has, not a list."""

from __future__ import annotations

import re

# The words a page shows, as `rendered_text._Reader` collects them: each code span as one CODE mark, each link (its
# label) as one LINK mark, so that neither is read as words here.
CODE, LINK = "\x00", "\x01"

# Tags of another system, kept by hand (set 16 M07, M08; set 17 M05, spent): a word in braces or brackets opened and
# closed by one name, the closing one against a word or a line's start (Jira's `{color:red}x{color}`, BBCode's
# `[b]x[/b]`, `[url=…]x[/url]`; a path's `/notes/{id}` twice, a placeholder `[date]` twice, is none); a word in colons
# or braces against a code span (a reStructuredText or MyST role, `:ref:`x``, `{doc}`x``: a sentence spaces it).
_TAGS = re.compile(
    r"(?<![\w/.$#-])\{([A-Za-z][\w-]*)(?:[:|][^{}\n]*)?\}.*?(?<=[^\s/]|\n)\{\1\}(?![\w/])"
    r"|(?<![\w\]])\[([A-Za-z][\w-]*)(?:[=\s][^\[\]\n]*)?\].*?\[/\2\]"
    r"|(?<![\w:]):[A-Za-z][\w.+-]*(?::[\w.+-]+)*:\x00|\{[A-Za-z][\w:.+-]*\}\x00",
    re.S,
)

# Another system's block and link syntax, read on the words shown (set 18 M06: Docusaurus' `:::caution` … `:::`; M12:
# reStructuredText's `` `label <url>`_ ``): what a line opens with in another site generator or wiki (a container fence
# of three colons or more, Docusaurus, VuePress and MyST alike; a reStructuredText directive `.. note::` or target
# `.. _name:`; a Confluence or Textile heading `h2.` or quotation `bq.`; an AsciiDoc admonition `[NOTE]` alone on its
# line), and within a line a code span against an underscore (a reStructuredText link, `` `label <url>`_ ``), a
# Confluence or Jira link to a page (`[label|page.html]`: a choice `[yes|no]` names no page), an AsciiDoc macro
# (`xref:page.adoc[label]`, `link:page.html[label]`) or MediaWiki's bold (three quotes each side). A wiki's `[[Page]]`
# is TXT007's, AsciiDoc's `<<id,label>>` TXT001's, a template tag `{% … %}` the loader's. Org-mode's verbatim and code
# (set 19 M11: `=src/lib/rate-limit.ts=`, `~npm run build~`): a span opened by `=` or `~` after a line's start, a space
# or an opening sign, against its first and last characters, closed before a space, a sign or a line's end, as Org
# reads it (`a = b`, `x=1 and y=2`, `~5 min` are none). Markdown reads none of them: the page shows them as typed
# around the text. A text Markdown leaves as it is is read as shown too.
_SYNTAX = re.compile(
    r"^[ \t]*:{3,}(?:[ \t]*[A-Za-z][\w-]*)?[ \t]*(?:\{[^}\n]*\}|\[[^\]\n]*\])?[ \t]*$"
    r"|^[ \t]*\.\.[ \t]+(?:[A-Za-z][\w-]*::|_[^:\n]+:)"
    r"|^[ \t]*(?:h[1-6]|bq)\.[ \t]"
    r"|^[ \t]*\[(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*$"
    r"|\x00__?(?!\w)"
    r"|\[[^\[\]|\n]+\|[^\[\]|\s]*[./#][^\[\]|\s]*\]"
    r"|(?<![\w/])(?:xref|link|include|image|footnote|kbd|btn|menu):[^\s\[\]]*\[[^\]\n]*\]"
    r"|'{3}[^'\n]+'{3}"
    r"""|(?:^|(?<=[\s({'"-]))([=~])[^\s=~<>](?:[^\n]*?[^\s=~<>])?\1(?=[\s.,;:!?'")}-]|$)""",
    re.M,
)

# An address shown as words (no link): a scheme and what RFC 3986 lets an address hold, as far as it goes.
_ADDRESS = re.compile(r"(?i)(?<![\w+.-])[a-z][a-z\d+.-]*://[\w\-.~:/?#@!$&'()*+,;=%]+")
# What an address typed in a sentence stands between, as a word does (deny by default: anything else glues it to
# another system's link syntax): a line's start, a space or an opening parenthesis or quote before it; a line's end,
# a space or a closing quote after it (its own closing parenthesis and full stop are characters it may hold).
_BEFORE = " \t\n(\"'“‘"
_AFTER = " \t\n\"'”’"


def _glued(shown: str) -> str:
    """The first address of `shown` glued to a character a sentence never puts against one ('' when none): AsciiDoc's
    `url[label]`, MediaWiki's `[url label]`, Textile's `"label":url`, BBCode's `[url=url]`."""
    for m in _ADDRESS.finditer(shown):
        before = shown[m.start() - 1] if m.start() else " "
        after = shown[m.end()] if m.end() < len(shown) else " "
        if before not in _BEFORE or after not in _AFTER:
            start = max(shown.rfind(" ", 0, m.start()) + 1, m.start() - 20)
            end = shown.find(" ", m.end())
            return shown[start : min(end if end >= 0 else len(shown), m.end() + 20)]
    return ""


def foreign(shown: str) -> str:
    """What of `shown` (a page's words, its code spans and links as marks) is markup of another system, as the end of
    a message ('' when nothing)."""
    if m := _TAGS.search(shown) or _SYNTAX.search(shown):
        return f"shows markup of another system as text (Markdown reads none): {_marked(m.group(0)[:40])!r}"
    if found := _glued(shown):
        return (
            f"shows {_marked(found)!r} as text: an address glued to another system's link syntax (`url[label]`, "
            '`[url label]`, `"label":url`), which Markdown does not link'
        )
    return ""


def _marked(text: str) -> str:
    return text.replace(CODE, "`…`").replace(LINK, "[…](…)")
