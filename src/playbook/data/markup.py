"""The one boundary between data and markup: no data string may carry HTML, attributes, unsafe links or templates.

Why here, at load, and not in the renderers: a data string reaches HTML through many doors (page
tables and headings, the nav, the tags plugin, the search index, the binder, Grafana panels and
Alertmanager notifications built from `alerts/`), and tomorrow through a page nobody has written
yet. Escaping in each renderer is what failed before (titles in the nav, headings and tags came out
raw): every new door had to remember it. `load_catalog()` is the only way to the data, so refusing
markup here, with a located LOAD006, makes every door safe at once, including the ones outside
MkDocs. Prose keeps its Markdown (emphasis, code spans, links to pages and https sites).

Refused in every string of the validated and expanded data but code blocks (which the site only
shows inside fences, where the highlighter escapes them), code spans included: a renderer may wrap a
value in its own backticks (`` `{value}` ``), which the value's backticks then close, and a title is
also a nav entry and a team name a tag, where nothing reads Markdown:
- an HTML tag, comment or processing instruction: `<` followed by a letter, `/`, `!` or `?`
  (`a < b` is fine);
- a character reference (`&lt;`, `&#60`): the theme's `<title>` decodes them (Jinja's striptags), so
  `&lt;/title&gt;&lt;script&gt;` in a scenario title would become a script;
- an attribute list `{ … }` (MkDocs' attr_list would put `onclick=…` on the element before it);
- a Markdown image (`![…](…)` would load a third-party address) and a link whose target is not a
  relative page, `#anchor`, http(s) or mailto address (`javascript:`, `data:`, entities), or has a title;
- template syntax (`{{`, `{%`, `{#`) left after expansion: only scenarios, procedures, incident.yaml
  and dashboard.yaml are expanded, by the loader, and nothing after it evaluates data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import BaseModel

from playbook.data import files as registry
from playbook.errors import Problem, dotted

RULE = "LOAD006"
# Fields no page shows as text: `code` only inside fences (the highlighter escapes it; the runbook tools
# check it), `drill` the drill's machine expectations (regexes, JSON, `${name}`), never rendered.
CODE_FIELDS = {"code", "drill"}

_SUSPECT = re.compile(r"[<{\[&]|\]\s*[(:]")
_TAG = re.compile(r"<[A-Za-z/!?]")
# A character reference, with or without its `;` (browsers and Jinja's striptags decode `&lt` too):
# the theme's <title> is the nav title through striptags, so `&lt;/title&gt;` would close it.
_ENTITY = re.compile(r"&[#A-Za-z]")
_ATTRS = re.compile(r"\{[^}]*\}")  # across lines too: a table cell joins them
_TEMPLATE = re.compile(r"\{[{%#]|[}%#]\}")
_IMAGE = re.compile(r"!\[")
_INLINE_LINK = re.compile(r"\]\(\s*([^)\s]*)([^)]*)\)?")
_REF_DEF = re.compile(r"\[[^\]\n]+\]:[ \t]*(\S*)")  # anywhere: after `>` or `- ` it is one too
_SAFE_TARGET = re.compile(r"(?:https?://|mailto:)[A-Za-z0-9._~:/?#@!$'*+,;=%-]+|[A-Za-z0-9._~/#?=%-]*")


_HINTS = {
    "html": "say it in words, or write a < b with a space: data is Markdown, and names reach the nav as HTML",
    "entity": "write the character itself (a < b), or 'and' for &: the site escapes what it shows",
    "template": "templates work only in runbooks, incident.yaml and dashboard.yaml",
    "attrs": "write the braces in a code block, or as words: data may not set HTML attributes",
    "image": "images in the data would load another address; link to a page instead",
    "link": "link to a page, an #anchor, or an http(s)/mailto address, without a title",
}


def problems_in(text: str) -> list[tuple[int, str, str]]:
    """(offset, what is wrong, hint) for each kind of markup in `text`; empty when it is safe prose."""
    if not _SUSPECT.search(text):
        return []
    out = []
    if m := _TAG.search(text):
        out.append((m.start(), "raw HTML", _HINTS["html"]))
    if m := _ENTITY.search(text):
        out.append((m.start(), "an HTML character reference", _HINTS["entity"]))
    if m := _TEMPLATE.search(text):
        out.append((m.start(), "template syntax that nothing expands", _HINTS["template"]))
    elif m := _ATTRS.search(text):
        out.append((m.start(), "an attribute list { … }", _HINTS["attrs"]))
    if m := _IMAGE.search(text):
        out.append((m.start(), "an image", _HINTS["image"]))
    for pattern in (_INLINE_LINK, _REF_DEF):
        for m in pattern.finditer(text):
            target = m.group(1).strip("<>")
            extra = m.group(2).strip() if pattern is _INLINE_LINK else ""
            if extra or not _SAFE_TARGET.fullmatch(target):
                what = f"a link to {target!r}" + (" with a title" if extra else "")
                out.append((m.start(), what, _HINTS["link"]))
    return out


def strings(obj: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path of raw YAML keys, text) of every string in a validated model, code fields left out."""
    if isinstance(obj, str):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name, info in type(obj).model_fields.items():
            if name not in CODE_FIELDS:
                yield from strings(getattr(obj, name), path + (info.alias or name,))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from strings(v, path + (k,))
    elif isinstance(obj, list | tuple):
        for i, v in enumerate(obj):
            yield from strings(v, path + (i,))


def markup_problems(cat) -> list[Problem]:
    """LOAD006 for every data string of the catalog that carries markup, at its line and column."""
    roots: list[tuple[str, Any]] = [(cat.file(spec), getattr(cat, spec.part)) for spec in registry.SINGLE]
    roots += cat.runbook_files()
    return [p for file, model in roots for p in model_problems(model, file, lambda path, f=file: cat.where(f, path))]


def model_problems(model: Any, file: str, where: Callable[[tuple], tuple[int, int]]) -> list[Problem]:
    """LOAD006 for every string of `model` (read from `file`) that carries markup; `where(path)` locates it."""
    out = []
    for path, text in strings(model):
        for offset, what, hint in problems_in(text):
            message = f"{what} in data: {_excerpt(text, offset)}"
            out.append(Problem(file, *where(path), RULE, message, hint, dotted(path)))
    return out


def _excerpt(text: str, offset: int) -> str:
    return repr(text[max(0, offset - 10) : offset + 30])
