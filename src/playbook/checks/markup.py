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
    "warning",
    "no HTML, character reference or attribute list in the data's text (outside code spans)",
    "Every data string is escaped where it is published, keys included: markup typed into text reaches the "
    "reader, the search and the binder as the characters typed (`<strong>`, `&mdash;`, `{: #id }`).",
    "write the text itself (Markdown `**bold**`, the character instead of its reference), or put code in backticks",
)
def markup_in_text(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    roots = [(cat.file(spec), getattr(cat, spec.part)) for spec in registry.SINGLE] + list(cat.runbook_files())
    for file, model in roots:
        for path, text in strings(model):
            if ("<" in text or "&" in text or "{" in text) and (m := _MARKUP.search(outside_code(text))):
                yield report(file, path, f"{m.group(0)!r} is published as typed, not as markup")
