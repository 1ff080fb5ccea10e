"""Checker rules TXT020-TXT021: text that keeps another syntax's escape after a paste or a re-quote (`12''s`,
`ai%20not%20working`)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.data.markup import data_strings
from playbook.markdown import outside_code

# Two apostrophes inside a word: YAML's escape of one apostrophe, kept as typed outside single quotes
_DOUBLED = re.compile(r"(?<=[A-Za-z0-9])''(?=[A-Za-z])")
# A URL's escape of a space or a punctuation mark inside a word (`ai%20not`, `a%2Fb`): an address bar's copy
_ESCAPED = re.compile(r"(?<=[A-Za-z0-9])%(?:2[0-9A-Fa-f]|3[A-Fa-f]|40|5[BDbd]|7[B-Db-d])(?=[A-Za-z0-9])")
_ADDRESS = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+|\]\([^)]*\)|<[^>\s]+>")  # an address, a link's target, an autolink


@rule(
    "TXT020",
    "error",
    "no doubled apostrophe inside a word of the data's text (`Debian 12''s`)",
    "YAML doubles an apostrophe only inside single quotes: a value re-quoted with double quotes, or unquoted, keeps "
    "both as typed, so the page, the runner and the binder read \"Debian 12''s\" and \"the post-mortem''s Data lost\".",
    "write one apostrophe (a value in double quotes or unquoted keeps it as typed), or single-quote the whole value",
)
def one_apostrophe(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, text in data_strings(cat):
        if "''" in text and (m := _DOUBLED.search(outside_code(text))):
            message = f"{text[max(0, m.start() - 12) : m.end() + 12]!r} holds two apostrophes where one is meant"
            yield _finding_at(cat, report, file, path, text, m.start(), message, column=True)


@rule(
    "TXT021",
    "error",
    "no URL escape (`%20`) inside a word of the data's text, outside addresses and code",
    "Text copied from an address bar keeps its percent-encoding: a keyword `ai%20not%20working` is no words a reader "
    "types, so the search no longer finds the runbook by them, and a page shows the escapes as typed.",
    "write the characters the escape stands for (`%20` is a space, `%2F` a slash)",
)
def no_url_escapes(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, text in data_strings(cat):
        if "%" not in text:
            continue
        plain = _ADDRESS.sub(lambda m: " " * len(m.group(0)), outside_code(text))
        if m := _ESCAPED.search(plain):
            message = f"{text[max(0, m.start() - 12) : m.end() + 12]!r} holds the URL escape {m.group(0)!r}"
            yield _finding_at(cat, report, file, path, text, m.start(), message, column=True)
