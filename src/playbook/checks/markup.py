"""Markup typed into the data's text, which the site publishes as the characters typed (TXT001)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as registry
from playbook.data.markup import strings
from playbook.markdown import outside_code

# A tag or comment, a character reference, an attribute list: what the site escapes, so that a reader sees
# `<strong>` or `&mdash;` where the editor meant bold or a dash. Code spans are left alone: they are code.
_MARKUP = re.compile(
    r"</?[A-Za-z][\w-]*(?:\s[^<>\n]*)?/?>|<!--|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,9});|\{:?\s*[.#][\w-]"
)


@rule(
    "TXT001",
    "error",
    "no HTML, character reference or attribute list in the data's text (outside code spans)",
    "Every data string is escaped where it is published, keys included: markup typed into text reaches the "
    "reader, the search and the binder as the characters typed (`<strong>`, `&mdash;`, `{: #id }`), where the "
    "editor meant bold, a dash or an anchor; and a tag that only looks inert here is live wherever a reader of "
    "the data does not escape it (a status page, a chat message). Text meant literally says so in a code span. "
    "An `&` that is no reference (Q&A, R&D, AT&T) and a lone `<` or `>` (a < b, x > 5) are text.",
    "write the text itself (Markdown `**bold**`, the character instead of its reference); text meant literally "
    "goes in a code span, e.g. `<password>`, where it shows as typed",
)
def markup_in_text(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    roots = [(cat.file(spec), getattr(cat, spec.part)) for spec in registry.SINGLE] + list(cat.runbook_files())
    for file, model in roots:
        for path, text in strings(model):
            if found := markup(text):
                yield report(file, path, f"{found!r} is published as typed, not as markup")


def markup(text: str) -> str:
    """The first tag, comment, character reference or attribute list of `text` outside its code spans ('' if none)."""
    m = _MARKUP.search(outside_code(text)) if ("<" in text or "&" in text or "{" in text) else None
    return m.group(0) if m else ""
