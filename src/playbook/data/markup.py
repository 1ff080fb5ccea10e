"""Links and templates in data that no page can publish as written (LOAD006); everything else is escaped at output.

Every data string is escaped where it is written into a page (`playbook.markdown`: the `Md` type and its
escapers), so tags, character references, attribute lists and braces show as the text they are, and code
spans show as code (`<NoteForm>`, `{"sessionId":"123"}`); "Q&A sessions" is just text. What no escaping can
make right is refused here, at load, at its line, in every string and every mapping key of the validated and
expanded data but code blocks (shown only inside fences) and outside code spans:
- a link whose target is not a relative page, an #anchor, or an http(s) or mailto address (`javascript:`,
  `data:`, an address spelt with entities), or that has a title; the page would show it as text, not as
  the link the editor meant. A page link that does not exist is REF006, a check (it needs the pages);
- an image (`![…](…)`): the site works offline and loads nothing from an address in the data;
- template syntax (`{{`, `{%`, `{#` as Jinja's own lexer reads it, or a closing `}}` alone) left after expansion: only
  scenarios, procedures, incident.yaml, dashboard.yaml and decisions.yaml are expanded, by the loader; elsewhere
  the page would show the braces (and a Jinja comment, which only `{{`/`{%` make the loader render, is shown anywhere).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import BaseModel

from playbook.data import files as registry
from playbook.data.expand import template_syntax
from playbook.data.kinds import code, free, markdown, plain
from playbook.data.outputs import plain_too
from playbook.errors import Problem, dotted
from playbook.markdown import SAFE_TARGET, outside_code

RULE = "LOAD006"
# Fields no page shows as text: `code` only inside fences (the highlighter escapes it; the runbook tools
# check it), `drill` the drill's machine expectations (regexes, JSON, `${name}`), never rendered.
CODE_FIELDS = {"code", "drill"}

_SUSPECT = re.compile(r"[\[{}]")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\(")
_INLINE_LINK = re.compile(r"\]\(\s*([^)\s]*)([^)]*)\)?")
_REF_DEF = re.compile(r"\[[^\]\n]+\]:[ \t]*(\S*)")  # anywhere: after `>` or `- ` it is one too

_HINTS = {
    "template": "templates work only in runbooks, incident.yaml, dashboard.yaml and decisions.yaml; elsewhere "
    "write the value",
    "comment": "a Jinja comment is printed as typed wherever it is: write the note as a YAML comment (`# …`)",
    "image": "the site loads nothing from the data's addresses: link to the page or address instead",
    "link": "link to a page (other.md#anchor), an #anchor, or an http(s)/mailto address, without a title",
}


def problems_in(text: str) -> list[tuple[int, str, str]]:
    """(offset, what is wrong, hint) for each link or template in `text` that no page can publish as written;
    empty when every one can (code spans are code: nothing in them is a link or a template)."""
    if not _SUSPECT.search(text):
        return []
    text = outside_code(text)
    out = []
    if (at := template_syntax(text)) >= 0:
        comment = text.startswith("{#", at)
        out.append((at, "template syntax that nothing expands", _HINTS["comment" if comment else "template"]))
    if m := _IMAGE.search(text):
        out.append((m.start(), "an image", _HINTS["image"]))
    for pattern in (_INLINE_LINK, _REF_DEF):
        for m in pattern.finditer(text):
            target = m.group(1).strip("<>")
            extra = m.group(2).strip() if pattern is _INLINE_LINK else ""
            if extra or not SAFE_TARGET.fullmatch(target):
                what = f"a link to {target!r}" + (" with a title" if extra else "")
                out.append((m.start(), what, _HINTS["link"]))
    return out


def strings(obj: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path of raw YAML keys, text) of every string in a validated model, mapping keys included (a key's
    path is that of its value: the loader records the key's position there), code fields left out."""
    if isinstance(obj, str):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name, info in type(obj).model_fields.items():
            if name not in CODE_FIELDS:
                yield from strings(getattr(obj, name), path + (info.alias or name,))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(k, str):
                yield path + (k,), k
            yield from strings(v, path + (k,))
    elif isinstance(obj, list | tuple):
        for i, v in enumerate(obj):
            yield from strings(v, path + (i,))


def text_roots(cat) -> list[tuple[str, Any]]:
    """(file, model) of every data file whose strings are published: each single file, each runbook."""
    return [(cat.file(spec), getattr(cat, spec.part)) for spec in registry.SINGLE] + list(cat.runbook_files())


def data_strings(cat) -> list[tuple[str, tuple, str]]:
    """(file, path, text) of every published string of the catalog, keys included and code left out (strings),
    walked once per catalog for every rule that reads them."""
    return cat.memoized(
        ("data strings",), lambda: [(f, path, text) for f, model in text_roots(cat) for path, text in strings(model)]
    )


def free_strings(cat) -> list[tuple[str, tuple, str]]:
    """(file, path, text) of every free string of the data (`kinds.free`: code, keys and every kind included), walked
    once per catalog for every rule that reads them all."""
    return cat.memoized(
        ("free strings",),
        lambda: [(f, path, text) for f, model in text_roots(cat) for path, text in free(model)],
    )


def markdown_strings(cat) -> list[tuple[str, tuple, str]]:
    """(file, path, text) of every string of the data declared Markdown (`kinds.markdown`), walked once per catalog."""
    return cat.memoized(
        ("markdown strings",),
        lambda: [(f, path, text) for f, model in text_roots(cat) for path, text in markdown(model)],
    )


def plain_strings(cat) -> list[tuple[str, tuple, str]]:
    """(file, path, text) of every plain string of the data (`kinds.plain`: a title, a name), walked once a catalog."""
    return cat.memoized(
        ("plain strings",), lambda: [(f, path, text) for f, model in text_roots(cat) for path, text in plain(model)]
    )


def plain_too_strings(cat) -> list[tuple[str, tuple, str, Any]]:
    """(file, path, text, mark) of every Markdown string of the data also written as plain text (`kinds.plain_too`)."""
    return cat.memoized(
        ("plain too strings",),
        lambda: [(f, path, text, mark) for f, model in text_roots(cat) for path, text, mark in plain_too(model)],
    )


def markup_problems(cat) -> list[Problem]:
    """LOAD006 for every data string of the catalog that no page can publish as written, at its line and column."""
    roots = text_roots(cat)
    return [p for file, model in roots for p in model_problems(model, file, lambda path, f=file: cat.where(f, path))]


def model_problems(model: Any, file: str, where: Callable[[tuple], tuple[int, int]]) -> list[Problem]:
    """LOAD006 for every string of `model` (read from `file`) that no page can publish; `where(path)` locates it."""
    out = []
    for path, text in strings(model):
        for offset, what, hint in problems_in(text):
            message = f"{what} in data: {_excerpt(text, offset)}"
            out.append(Problem(file, *where(path), RULE, message, hint, dotted(path)))
    return out


def _excerpt(text: str, offset: int) -> str:
    return repr(text[max(0, offset - 10) : offset + 30])


def code_strings(cat) -> list[tuple[str, tuple, str]]:
    """(file, path, text) of every string of the data that is code (`kinds.code`), walked once per catalog."""
    return cat.memoized(
        ("code strings",), lambda: [(f, path, text) for f, model in text_roots(cat) for path, text in code(model)]
    )
