"""The data/markup boundary (LOAD006): whatever it lets through renders as text, never as an element or attribute."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from conftest import edit, load_fails
from playbook.data.markup import problems_in
from playbook.errors import DataError
from playbook.markdown import cell, esc

# The Markdown extensions of mkdocs.yml that read the text of a page.
EXTENSIONS = [
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.inlinehilite",
    "pymdownx.superfences",
    "pymdownx.tabbed",
]
HOSTILE = [
    "<script>pbx()</script>",
    "<img src=x onerror=pbx()>",
    '"><svg onload=pbx()>',
    "</p><b>",
    "<!-- c -->",
    "<?php ?>",
    "{ onclick=pbx() }",
    "{: #id .cls }",
    "{{ 7*7 }}",
    "{% if 1 %}x{% endif %}",
    "{# c #}",
    "[a](javascript:pbx())",
    "[a](java&#115;cript:pbx())",
    '[a](https://x.test "t")',
    "![i](https://x.test/i.png)",
    "[r]: javascript:pbx()",
    "<https://x.test>",
    "`<code>`",
    "``a ` <b> ``",
    "\\`<i>`",
    "&lt;/title&gt;",
    "&#60;svg&#62;",
    "&lt/title",
    "a < b",
    "[page](other.md#x)",
    "*em* **strong**",
    "\n",
    "\n\n",
    "# ",
    "- ",
    "| ",
    "> ",
    "    ",
]
SAFE_TAGS = {"p", "h1", "h3", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "code", "pre"}
SAFE_TAGS |= {"em", "strong", "a", "br", "hr", "blockquote", "h2", "h4", "h5", "h6"}


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def unsafe_markup(html: str) -> list:
    """Elements or attributes the rendered text could only have got from markup in the data."""
    parser = Elements()
    parser.feed(html)
    bad = []
    for tag, attrs in parser.found:
        if tag not in SAFE_TAGS:
            bad.append(tag)
        for name, value in attrs:
            scheme = (value or "").split(":")[0].lower() if name == "href" else ""
            if name not in ("href", "id") or scheme in ("javascript", "data", "vbscript"):
                bad.append((tag, name, value))
    return bad


def page_of(text: str) -> str:
    """The text in the places pages put data: a title, a paragraph, a list item, a table cell, a subheading."""
    return f"# Scenario 1: {text}\n\n{text}\n\n- {text}\n\n| a | b |\n|---|---|\n| {cell(text)} | x |\n\n### {text}\n"


texts = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text("<>{}[]()!`\\&#:;=\"' \nabjs%", max_size=6)), max_size=6)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts.map("".join))
@example("# {\n:}")  # found by this test: a table cell joins the lines, and attr_list read `{ :}` there
def test_accepted_text_renders_without_markup(text):
    """Whatever LOAD006 accepts renders with no element or attribute of its own: as prose, escaped, or wrapped
    in a renderer's code span (the hostile build found `x `{ onclick=… }`` putting onclick on a <code>)."""
    if problems_in(text):
        return
    for variant in (text, esc(text), f"`{text}`", f"**{text}**"):  # as it is, escaped, wrapped by a renderer
        html = markdown.markdown(page_of(variant), extensions=EXTENSIONS)
        assert unsafe_markup(html) == [], (text, html)
    # Where nothing reads Markdown: a nav entry as HTML, and the theme's <title> (`page.title | striptags`).
    for shown in (text, Markup(text).striptags()):
        assert not re.search(r"<[A-Za-z/!?]", shown), (text, shown)


@pytest.mark.parametrize("fragment", [*HOSTILE[:23], "`{ onclick=pbx() }`", "`[a](javascript:pbx())`"])
def test_each_kind_of_markup_is_refused(fragment):
    assert problems_in(f"Check\n{fragment} now"), fragment


@pytest.mark.parametrize("fragment", ['`a["b"]`', "R & D && x", "a < b and c > d", "[page](other.md#x)"])
def test_prose_keeps_its_markdown(fragment):
    assert problems_in(f"Check {fragment} now") == []


# Each class injected into the real data: the exact rule at the exact line and column of the value.
CASES = [
    (
        "scenarios/ai-service-down.yaml",
        "title: AI Service Down",
        'title: "AI <img src=x onerror=pbx()>"',
        "4:1",
        "raw HTML",
    ),
    (
        "scenarios/ai-service-down.yaml",
        "  - title: Check AI service health",
        '  - title: "Check AI { onclick=pbx() }"',
        "27:5",
        "an attribute list",
    ),
    ("matrix.yaml", "name: Auth failures,", "name: Auth &lt;/title&gt; failures,", "4:25", "character reference"),
    ("contacts.yaml", "id: cto, name: CTO,", 'id: cto, name: "{{ 7*7 }}",', "6:15", "template syntax"),
    (
        "decisions.yaml",
        "topic: SEV-1 update cadence",
        "topic: '[x](javascript:pbx()) SEV-1'",
        "7:5",
        "a link to 'javascript:pbx('",
    ),
    (
        "oncall.yaml",
        "purpose: Reach the on-call engineers}",
        "purpose: '![i](https://x.test/i.png) Reach the on-call engineers'}",
        "4:37",
        "an image",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "where", "what"), CASES)
def test_markup_in_data_is_located(data_copy, file, old, new, where, what):
    line, (p,) = load_fails(data_copy, file, old, new)
    assert (p.file, p.rule) == (f"data/{file}", "LOAD006")
    assert p.line == line and what in p.message, p.format()
    if where:
        assert f"{p.line}:{p.col}" == where
    assert p.hint


def test_markup_in_drill_results_is_located(data_copy):
    """data/drill_results.yaml is shown on the drills page: the same boundary holds for it."""
    from playbook.drill.results import load_results

    edit(data_copy / "drill_results.yaml", "title: Check database connection", "title: Check <b>it</b>")
    with pytest.raises(DataError) as info:
        load_results(data_copy)
    (p,) = info.value.problems
    assert (p.file, p.line, p.rule, p.field) == ("data/drill_results.yaml", 14, "LOAD006", "results[0].steps[0].title")
