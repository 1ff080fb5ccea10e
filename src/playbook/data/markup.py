"""Links and templates in data that no page can publish as written (LOAD006); everything else is escaped at output.

Every data string is escaped where it is written into a page (`playbook.markdown`: the `Md` type and its
escapers), so tags, character references, attribute lists and braces show as the text they are, and code
spans show as code (`<NoteForm>`, `{"sessionId":"123"}`); "Q&A sessions" is just text. What no escaping can
make right is refused here, at load, at its line, in every string and every mapping key of the validated and
expanded data but code blocks (shown only inside fences) and outside code spans:
- a link whose target is not a relative page, an #anchor, or an http(s) or mailto address (`javascript:`,
  `data:`, an address spelt with entities), or that has a title; the page would show it as text, not as
  the link the editor meant. A page link that does not exist is REF006, a check (it needs the pages);
- a mailto link whose address no mail server delivers (`mailto://name@…`: the `//` is read as the mailbox's name);
- a link to an address no reader shares with the editor (`http://127.0.0.1:8000/…` of a local preview, a
  private network's host): on the published page it opens whatever answers on the reader's own machine;
- an image (`![…](…)`): the site works offline and loads nothing from an address in the data;
- template syntax (`{{`, `{%`, `{#` as Jinja's own lexer reads it, or a closing `}}` alone) left after expansion: only
  scenarios, procedures, incident.yaml, dashboard.yaml and decisions.yaml are expanded, by the loader; elsewhere
  the page would show the braces (and a Jinja comment, which only `{{`/`{%` make the loader render, is shown anywhere).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import unquote, urlsplit

from pydantic import BaseModel

from playbook.data import files as registry
from playbook.data.expand import template_syntax
from playbook.data.kinds import code, free, markdown, plain, prose
from playbook.data.model_contacts import email_problem
from playbook.data.outputs import plain_too
from playbook.errors import Problem, dotted
from playbook.markdown import SAFE_TARGET, outside_code

RULE = "LOAD006"
# Fields no page shows as text: `code` only inside fences (the highlighter escapes it; the runbook tools
# check it), `drill` the drill's machine expectations (regexes, JSON, `${name}`), never rendered.
CODE_FIELDS = {"code", "drill"}

CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1", re.S)  # a code span of the data's text (group 2: its content)
_SUSPECT = re.compile(r"[\[{}]")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\(")
_INLINE_LINK = re.compile(r"\]\(\s*([^)\s]*)([^)]*)\)?")
_REF_DEF = re.compile(r"\[[^\]\n]+\]:[ \t]*(\S*)")  # anywhere: after `>` or `- ` it is one too
_LABELLED = re.compile(r"\[([^\[\]\n]*)\]\(\s*<?([^)\s>]*)")  # a link's label and its target
_ADDRESS = re.compile(r"(?i)(?:https?://|mailto:|www\.)\S+")  # a label that is itself an address

_HINTS = {
    "template": "templates work only in runbooks, incident.yaml, dashboard.yaml and decisions.yaml; elsewhere "
    "write the value",
    "comment": "a Jinja comment is printed as typed wherever it is: write the note as a YAML comment (`# …`)",
    "image": "the site loads nothing from the data's addresses: link to the page or address instead",
    "link": "link to a page (other.md#anchor), an #anchor, or an http(s)/mailto address, without a title",
    "mailto": "write each address right after `mailto:`, as mailto:name@example.org (no `//`)",
    "local": "link to the page by its source (other.md#anchor), or to an address every reader reaches",
    "shown": "make the label the address the link opens, or a name for it",
}
# The names of the reader's own machine or network that have a dot, reserved for that by RFC (localhost: 6761,
# local: mDNS 6762, home.arpa: 8375, internal: ICANN 2024); an address is judged by `ipaddress` and a name without
# a dot (`localhost`, an intranet host) by its shape, so only these need a hand list: no public name ends so.
_LOCAL_NAMES = ("localhost", "local", "home.arpa", "internal")


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
            elif wrong := mailto_problem(target):
                out.append((m.start(), f"a link to {target!r}, {wrong}", _HINTS["mailto"]))
            elif host := local_host(target):
                what = f"a link to {target!r}, on {host}: each reader's own machine or network, not the site"
                out.append((m.start(), what, _HINTS["local"]))
    for m in _LABELLED.finditer(text):
        label, target = m.group(1).strip().strip("`"), m.group(2)
        if _ADDRESS.fullmatch(label) and _address(label) != _address(target):
            what = f"a link that shows {label!r} and opens {target!r}"
            out.append((m.start(), what, _HINTS["shown"]))
    return out


def _address(value: str) -> str:
    """An address as a reader compares two: without its scheme, `www.`, case of the host, or a trailing slash."""
    rest = re.sub(r"(?i)^(?:https?://|mailto:)", "", value)
    host, _, path = rest.partition("/")
    return host.lower().removeprefix("www.") + "/" + path.rstrip("/")


def mailto_problem(target: str) -> str:
    """What makes mailto address `target` send nowhere ('' when nothing, or for any other target): each address it
    names (before `?`, comma-separated, %-decoded) must be one a mail server delivers (`email_problem`, shared with
    contacts.yaml's `email`; an example's `.test` domain aside): `mailto://x@example.org` names `//x@example.org`."""
    if not target.lower().startswith("mailto:"):
        return ""
    addresses = unquote(target[len("mailto:") :].split("?", 1)[0]).split(",")
    for address in addresses:
        if not address.strip():
            return "which names no address"
        if problem := email_problem(address.strip(), test_domain=True):
            return f"whose address {address.strip()!r} is none a mail server delivers: {problem}"
    return ""


def local_host(target: str) -> str | None:
    """The host of http(s) address `target` when it is no address the readers share with the editor: an IP address
    that is not global (loopback, private, link-local: `ipaddress` decides), a name without a dot (`localhost`, an
    intranet host) or under a name reserved for local networks; None for any other target."""
    if not target.lower().startswith(("http:", "https:")):
        return None
    try:
        host = (urlsplit(target).hostname or "").rstrip(".")
    except ValueError:
        return None
    try:
        return None if ipaddress.ip_address(host.split("%")[0]).is_global else host
    except ValueError:
        pass
    if "." not in host or host.endswith(tuple("." + n for n in _LOCAL_NAMES)):
        return host or None
    return None


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


def all_strings(cat) -> list[tuple[str, tuple, str]]:
    """(file, path, text) of every string of the data a rule may read for a name or a word anywhere: the published
    strings (data_strings) and the free ones, code included (free_strings), each (file, path) once, memoized."""

    def make() -> list[tuple[str, tuple, str]]:
        seen: dict[tuple[str, tuple], str] = {}
        for file, path, text in [*data_strings(cat), *free_strings(cat)]:
            seen.setdefault((file, path), text)
        return [(f, p, t) for (f, p), t in seen.items()]

    return cat.memoized(("all strings",), make)


# The search vocabulary holds the reader's words on purpose (short forms, misspellings: "comms", "rlbk"), not the
# data's: a rule that reads the data's own words and names leaves it out
READER_WORDS = (registry.SEARCH,)


def own_strings(cat) -> list[tuple[str, tuple, str]]:
    """all_strings but the search vocabulary's: the words and names the data itself writes (READER_WORDS)."""
    skip = {cat.file(spec) for spec in READER_WORDS}
    return [(f, p, t) for f, p, t in all_strings(cat) if f not in skip]


def markdown_strings(cat) -> list[tuple[str, tuple, str]]:
    """(file, path, text) of every string of the data declared Markdown (`kinds.markdown`), walked once per catalog."""
    return cat.memoized(
        ("markdown strings",),
        lambda: [(f, path, text) for f, model in text_roots(cat) for path, text in markdown(model)],
    )


def prose_strings(cat) -> list[tuple[str, tuple, str]]:
    """(file, path, text) of every non-empty prose string of the data (`kinds.prose`), walked once per catalog."""
    return cat.memoized(
        ("prose strings",),
        lambda: [(f, path, text) for f, model in text_roots(cat) for path, text in prose(model) if text],
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
