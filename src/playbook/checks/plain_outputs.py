"""Checker rule TXT009: a Markdown text that a generated file also writes as plain text (a Prometheus HELP line, a
Grafana title, an alert's description, the status page's message, a script's prompt) holds no emphasis or link."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.checks.rendered_text import _AMONG_WORDS, _told, problem
from playbook.data.markup import plain_too_strings


@rule(
    "TXT009",
    "error",
    "a Markdown text that is also written where Markdown is not read holds no emphasis, link or other markup",
    "Some text fields are read as Markdown on the site and written as plain text elsewhere too: a metric's help is "
    "the HELP line `playbook exporter` serves to Prometheus and Grafana, a dashboard item's text a Grafana panel's "
    "title, a symptom's text an alert's description in Slack, the status page's message what is posted to the "
    "status page, a placeholder's meaning the generated scripts' prompt. Emphasis (`**x**`, `__x__`, `_x_`), a link "
    "or any other markup typed there shows as the characters typed in those places; a code span too, where that "
    "place keeps its backticks (a HELP line, the status page). The models mark these fields (outputs.PlainToo).",
    "write the words alone (no emphasis, no link); a page to read belongs in the runbook's steps, which are Markdown",
)
def markdown_in_plain_outputs(ctx: CheckContext, report: Reporter):
    render = ctx.render
    if render is None:  # checks run without the site's Markdown (a library call): nothing to read it with
        return
    cat = ctx.catalog
    for file, path, text, mark in plain_too_strings(cat):
        if _told(text, False):
            continue
        allowed = {"p": set(), **{tag: set() for tag in mark.drops}}
        where = f"which {mark.where} shows as typed"
        found = problem(render, _AMONG_WORDS + text.strip("\n"), allowed, where=where)
        if where in found:  # emphasis, a code span or a link: anything else the page refuses too (TXT008 tells it)
            yield _finding_at(cat, report, file, path, text, 0, f"the text {found}")
