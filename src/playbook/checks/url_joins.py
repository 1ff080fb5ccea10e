"""Checker rule on URLs built from a placeholder and a path: the rendered URL has no doubled slash (TOOL021)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.checks.tools import at, spots
from playbook.data.markup import data_strings

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
# what ends a URL in a command or a text: a space, a quote, a query or fragment, Markdown's brackets
_END = r"""\s"'`?#()\[\]<>"""
_HOST_URL = re.compile(rf"[a-z][a-z0-9+.-]*://[^/{_END}]+(/[^{_END}]*)", re.I)


def url_bases(cat) -> dict[str, bool]:
    """Each placeholder that gives a URL to build on (its default is one, or its meaning says URL): whether its
    value ends with a slash: not when its meaning says "no trailing slash" (the value a responder sets follows it),
    else as its default ends (or its meaning says, with no default)."""
    out = {}
    for p in cat.meta.placeholders:
        default, meaning = p.default or "", (p.meaning or "").lower()
        if not (_SCHEME.match(default) or re.search(r"\burl\b", meaning)):
            continue
        words = re.sub(r"<[^>]*>|[*_`]", "", meaning)  # its words, markup aside
        if re.search(r"\b(no|without|not|never)\b[^.;,]{0,20}trailing\s+slash", words):
            out[p.name] = False
        else:
            out[p.name] = default.endswith("/") if default else "trailing slash" in words
    return out


def doubled_slashes(code: str, bases: dict[str, bool]) -> Iterator[tuple[int, str]]:
    """(offset, the URL as rendered) of each URL of `code` whose path has `//`: after a placeholder
    of `bases` (with the slash its value ends with), or after a literal host."""
    if bases:
        names = "|".join(re.escape(n) for n in bases)
        for m in re.finditer(rf"\$(?:\{{({names})\}}|({names})\b)([^{_END}]*)", code):
            name, rest = m.group(1) or m.group(2), m.group(3)
            path = ("/" if bases[name] else "") + rest
            if "//" in path:
                yield m.start(), m.group(0)
    for m in _HOST_URL.finditer(code):
        if "//" in m.group(1):
            yield m.start(), m.group(0)


@rule(
    "TOOL021",
    "error",
    "a URL built from a placeholder (or a host) and a path has no doubled slash once rendered",
    "An endpoint path starts with `/` and $BASE_URL has none at its end (its meaning says so): a `/` typed between "
    "them renders `$BASE_URL//api/metrics`, which the app answers with a redirect or a not-found page; "
    "`curl -s` without -L prints no JSON and the check shows an error instead of the value.",
    "join them without the extra slash: `$BASE_URL` and the endpoint's path side by side (the path brings its own `/`)",
    tools=True,
)
def urls_joined(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    bases = cat.memoized(("url joins", "bases"), lambda: url_bases(cat))
    for s in spots(cat):
        if s.kind in ("typescript", "output"):
            continue
        for offset, url in doubled_slashes(s.code, bases):
            line, col = s.code.count("\n", 0, offset) + 1, offset - (s.code.rfind("\n", 0, offset) + 1) + 1
            message = f"`{url}` has a doubled slash once rendered: the request goes to another path than the endpoint"
            yield at(report, s, line, col, message)
    # the texts: a URL written in a step's words or a link, its endpoints as the site renders them
    for file, path, text in data_strings(cat):
        if "$" in text or "://" in text:
            for offset, url in doubled_slashes(text, bases):
                message = f"`{url}` has a doubled slash once rendered: the link goes to another path than the endpoint"
                yield _finding_at(cat, report, file, path, text, offset, message, True)
