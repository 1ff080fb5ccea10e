"""TXT008: a data text declared Markdown, rendered with the site's extensions (mkdocs.yml, read by MkDocs) and those it
does not configure, holds only text, emphasis, code spans and links with a target; anything else is an error at its
line naming the construct, and text that only looks like markup passes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, edit, line_of
from playbook import project as projects
from playbook.adapters.mkdocs.markdown import site_extensions, text_renderer
from playbook.checks.rendered_text import (
    _ACTIVE,
    _AMONG_WORDS,
    ITEM,
    MARKDOWN,
    PLAIN_TEXT,
    _problem_of,
    _Reader,
    problem,
)
from playbook.data.load import load_catalog
from playbook.site.checking import check

S, C = "scenarios/", "procedures/"
RENDER = text_renderer(projects.at(ROOT))

# (file, old, new, marker: the finding's line holds it, the message names): each a construct the data does not hold
FAULTS = [
    (S + "auth-failure-spike.yaml", 'text: "Force a password', 'text: ":octicons-alert-16: Force a password',
     ":octicons-alert-16:", "icon"),
    (S + "auth-failure-spike.yaml", 'text: "Force a password', 'text: ":warning: Force a password', ":warning:",
     "emoji"),
    (C + "log-access.yaml", "and filter by time range.", "and filter by time range (++shift+f++).", "++shift+f++",
     "keyboard keys"),
    (C + "log-access.yaml", "text: Until a log service exists, search an export of the logs with grep.",
     'text: "Until a log service exists, search an export of the logs with grep.\\n\\n--8<-- \\"docs/logs.md\\""',
     "--8<--", "Snippet"),
    (C + "log-access.yaml", "search an export of the logs with grep.", "search ~~the database~~ an export of the logs.",
     "~~the database~~", "strikethrough"),
    (C + "log-access.yaml", "search an export of the logs with grep.", "search an export of the ==logs== with grep.",
     "==logs==", "highlighting"),
    (C + "log-access.yaml", "search an export of the logs with grep.", "search an export (see [Log Access]()).",
     "[Log Access]()", "empty target"),
    (S + "auth-failure-spike.yaml", "(manual code change)", "(manual code change: Log Access](../logs.md))",
     "Log Access](../logs.md)", "forms no link"),
    (S + "auth-failure-spike.yaml", "(manual code change)", "(manual code change, `[Log Access](../logs.md)`)",
     "`[Log Access](../logs.md)`", "inside a code span"),
    (S + "auth-failure-spike.yaml", "(manual code change)", "(manual code change, {++ or a firewall rule ++})",
     "{++ or a firewall rule ++}", "change mark"),
    (C + "log-access.yaml", "text: Until a log service exists, search an export of the logs with grep.",
     'text: "Until a log service exists, search an export of the logs with grep.\\n\\n/// warning\\nSlow\\n///"',
     "/// warning", "a box"),
    (S + "auth-failure-spike.yaml", "(manual code change)", "(manual code change, \\\\(n \\\\times 2\\\\))",
     "times 2", "math"),
    (S + "auth-failure-spike.yaml", "(manual code change)", "(**manual code change)", "(**manual code change)",
     "emphasis"),
    (S + "auth-failure-spike.yaml", "(manual code change)", "(manual code change, see [Log Access] (../logs.md))",
     "[Log Access] (../logs.md)", "form no link"),
    (S + "auth-failure-spike.yaml", "(manual code change)", "(manual code change, see [Log Access(../logs.md))",
     "[Log Access(../logs.md)", "form no link"),
    (S + "auth-failure-spike.yaml", "(manual code change)", "(manual code change, see [](../logs.md))",
     "see [](../logs.md)", "no label"),
    # an item of a list of texts is read as a list's item: `[ ]` or `[x]` before it is a task list's checkbox
    (S + "ai-service-down.yaml", "- Check rate limits (429)", '- "[ ] Check rate limits (429)"', "[ ] Check",
     "task list"),
    ("incident.yaml", '- "Declare incidents early', '- "[x] Declare incidents early', "[x] Declare", "task list"),
    # a Markdown text of a mapping is read as an item too: a page may set it as one (set 15 M03: the on-call
    # responsibilities are `- {text}`), and a step's text may be (the sibling)
    ("oncall.yaml", "  - text: Monitor alerts", '  - text: "[ ] Monitor alerts"', "[ ] Monitor", "task list"),
    (C + "log-access.yaml", "text: Until a log service exists, search an export of the logs with grep.",
     'text: "[X] Until a log service exists, search an export of the logs with grep."', "[X] Until", "task list"),
    # a code span is shown as typed: inline highlighting (`#!lang`, `:::lang`) colours it and drops the shebang
    (S + "write-operations-failing.yaml", "`vercel promote`", "`#!bash vercel promote`", "#!bash", "highlighting"),
    (S + "auth-failure-spike.yaml", "(manual code change)", "(manual code change: `:::python block(ip)`)",
     ":::python", "highlighting"),
    # TeX math and backslashes Markdown keeps: shown as typed
    (S + "auth-failure-spike.yaml", "(manual code change)", "(manual code change, $n \\\\times 2$)", "times 2",
     "TeX math"),
    (S + "auth-failure-spike.yaml", "(manual code change)", "(manual code change, $n > 2$)", "$n > 2$", "TeX math"),
    (C + "log-access.yaml", "search an export of the logs", "search an export (\\le 1 GB) of the logs", "le 1 GB",
     "backslash"),
    (C + "log-access.yaml", "text: Until a log service exists, search an export of the logs with grep.",
     "text: 'Until a log service exists,\\nsearch an export of the logs with grep.'", "Until a log", "backslash"),
    # plain texts: one line, no Markdown at all (a line break in a title, set 11 M09; math in a wording, M11)
    (C + "disable-ai.yaml", 'title: "Option 3: Rate limit to zero (immediate)"',
     'title: "Option 3: Rate limit to zero\\n(immediate)"', "Option 3", "line break"),
    ("contacts.yaml", "name: Engineering Manager,", 'name: "Engineering\\nManager",', "Engineering", "line break"),
    ("matrix.yaml", "name: Auth failures,", "name: Auth failures | sign-in,", "Auth failures", "pipe"),
    ("severities.yaml", "wording: Data corruption detected}", "wording: 'Data corruption ($d > 0$) detected'}",
     "Data corruption", "TeX math"),
    ("severities.yaml", "wording: Data corruption detected}", "wording: Data *corruption* detected}",
     "Data *corruption*", "emphasis"),
    ("severities.yaml", "wording: Data corruption detected}", "wording: Data _corruption_ detected}",
     "Data _corruption_", "emphasis"),
    # plain texts (a title, a step's title): read as words on one line
    ("alerts.yaml", "- title: System Down", '- title: ":material-fire: System Down"', ":material-fire:", "icon"),
    (C + "log-access.yaml", "title: CLI access (if Vercel CLI is set up)",
     "title: CLI access (~~if~~ when Vercel CLI is set up)", "~~if~~", "strikethrough"),
    # markup of another system, shown as typed (set 16 M07: Jira's colour; M08: a reStructuredText role), and siblings
    (C + "disable-ai.yaml", "  - AI compliance issue detected", '  - "{color:red}AI compliance issue detected{color}"',
     "{color:red}", "another system"),
    (S + "ai-service-down.yaml", "- Check rate limits (429)", '- "Check {quote}rate limits{quote} (429)"',
     "{quote}rate", "another system"),
    (C + "log-access.yaml", "text: Until a log service exists, search an export of the logs with grep.",
     'text: "Until a log service exists, search an export of the logs with grep (the fields: :ref:`log-format`)."',
     ":ref:`log-format`", "another system"),
    (C + "rollback.yaml", "follow [Re-enable AI](disable-ai.md#re-enable-ai).",
     "follow {doc}`disable-ai`.", "{doc}`disable-ai`", "another system"),
    # a forum's tags (set 17 M05: BBCode), and an address glued to another system's link syntax (M04 AsciiDoc's
    # url[label], M06 MediaWiki's [url label], M12 Textile's "label":url): shown as typed, never linked
    (C + "disable-ai.yaml", "  - AI cost spike (budget exceeded)", '  - "AI cost spike ([i]budget exceeded[/i])"',
     "[i]budget", "another system"),
    (C + "disable-ai.yaml", "  - AI cost spike (budget exceeded)",
     '  - "AI cost spike ([color=red]budget exceeded[/color])"', "[color=red]", "another system"),
    (S + "ai-service-down.yaml", "- Check billing status",
     "- Check billing status (https://platform.example.org/billing[the billing page])", "billing[the", "glued"),
    (S + "ai-service-down.yaml", "- Check billing status", '- "Check billing status: [https://platform.example.org/'
     'usage usage page]"', "[https://platform.example.org/usage", "glued"),
    (S + "ai-service-down.yaml", "- Check billing status",
     '- \'Check billing status on the "usage page":https://platform.example.org/usage\'', '"usage page":', "glued"),
    # another site generator's block or link, shown as typed around the text (set 18 M06: a Docusaurus fence; M12: a
    # reStructuredText link), and siblings: a MyST fence, a reStructuredText directive, a Confluence heading
    (C + "log-access.yaml", "text: Until a log service exists, search an export of the logs with grep.",
     'text: "::: warning\\nUntil a log service exists, search an export of the logs with grep.\\n:::"',
     "::: warning", "another system"),
    (C + "log-access.yaml", "text: Until a log service exists, search an export of the logs with grep.",
     'text: "Until a log service exists, search an export of the logs with grep.\\n\\n.. tip::\\n   Use jq."',
     ".. tip::", "another system"),
    (C + "rollback.yaml", "follow [Re-enable AI](disable-ai.md#re-enable-ai).",
     "follow `Re-enable AI <disable-ai.html#re-enable-ai>`__.", "`Re-enable AI", "another system"),
    (C + "log-access.yaml", "text: Until a log service exists, search an export of the logs with grep.",
     "text: h3. Until a log service exists, search an export of the logs with grep.", "h3. Until", "another system"),
    # a Confluence link to a page, an AsciiDoc macro: another system's link, never followed
    (C + "rollback.yaml", "follow [Re-enable AI](disable-ai.md#re-enable-ai).",
     "follow [Re-enable AI|disable-ai.md#re-enable-ai].", "[Re-enable AI|disable-ai", "another system"),
    (C + "rollback.yaml", "follow [Re-enable AI](disable-ai.md#re-enable-ai).",
     "follow xref:disable-ai.adoc#re-enable-ai[Re-enable AI].", "xref:disable-ai", "another system"),
    # set 19 M11's kind: Org-mode's verbatim and code around a path or a command
    (C + "disable-ai.yaml", "In `src/services/AIService.ts`, add", "In =src/services/AIService.ts=, add",
     "In =src/services", "another system"),
    (C + "rollback.yaml", "follow [Re-enable AI](disable-ai.md#re-enable-ai).",
     "follow [Re-enable AI](disable-ai.md#re-enable-ai) (~vercel deploy --prod~).", "~vercel deploy", "another system"),
]  # fmt: skip

# A block scalar: the finding is at the line of the construct, not at the key's
BLOCK = (
    C + "log-access.yaml",
    "text: Until a log service exists, search an export of the logs with grep.",
    "text: |\n      Until a log service exists, search an export of the logs with grep.\n\n"
    "      Keep the export:\n\n      - until the incident is closed\n",
    "- until the incident is closed",
)

# Text that only looks like markup: code spans are code, ampersands and lone signs are text
NEAR_MISSES = [
    "Q&A sessions, R&D and AT&T", "send `<NoteForm>` and `{\"sessionId\":\"123\"}` as they are",
    "at HH:MM:SS, 12:30:00 UTC", "~5 min, then ~10 min; ~/backups", "C++ and i++ and 1 + 1 = 2", "a == b, x != y",
    "run `--8<--` literally", "5-10 min -- not more", "see [Log Access](../logs.md#open-the-logs), **not** _later_",
    "`a ~~b~~ c` and `++ctrl+k++` and `:material-alert:`", "call `handlers[0](req)` first", "2^10 requests",
    "costs $5 to $10", "use `](` nowhere", "copy $HOME/$USER and $DB_PATH", "[TOC] is a marker only alone",
    "see rollback.md or ALERTING_CONFIG.md (anchor #2-write)", "(https://status.example.org)", "[date] (UTC)",
    "[One paragraph summary] [if any]", "run 2**10 times", "a ** b", "snake__case", "glob `**/*.md`",
    "costs $5 to $10, $HOME/$USER and $DB_PATH", "a \\* b, not emphasis", "`C:\\Users` and `\\n` in code",
    # what markup of another system only looks like: a path's placeholder twice, a placeholder reused, a colon spaced
    "GET /notes/{id} then /notes/{id}/audit", "replace {name} here and {name} there", "the fields: `log-format`",
    "at 12:30:`x`", "{x} {a: 1} #1 {id} %", "a role :ref: alone, `ref` apart", "`{color:red}x{color}` in code",
    # an address in a sentence, and brackets that are placeholders: text, not another system's link or tag
    "see https://status.example.org, or (https://status.example.org/a_(b)).", '"https://status.example.org" as typed',
    "[https://status.example.org](https://status.example.org) and `url[label]`", "[date] then [date] again",
    "fill [Owner] and [date] [/notes]", "`[b]x[/b]` in code", "“https://status.example.org”",
    # what another site generator's syntax only looks like: colons inside a line, a code span before a word's
    # underscore, a heading's name in a sentence, an ellipsis, a template in code
    "ratio 3:::4 and A:::B", "see `a`_b", "the h2. heading and bq. later", "wait... then .. go",
    "run `::: note` as typed", "`x` _emphasis_ then", "answer [yes|no] or [a|b]", "the link: [Log Access](../logs.md)",
    # what Org-mode's verbatim only looks like: signs spaced or inside words, an approximation, a path home
    "a = b = c", "x=1 and y=2", "wait ~5 min (~10 with retries)", "cd ~/app then ~/logs", "== and ~~", "=> and <=",
]  # fmt: skip
# Plain texts whose line start would open a block in a page: shown among words, they are text
PLAIN_NEAR_MISSES = [
    "#on-call",
    "1. Stop writes",
    ">=",
    "- dash",
    "    indented",
    "+1",
    "DB_PATH and snake_case",
    "costs $5",
    "a * b",
    "(5xx) 50%",
]
# Items of a list whose brackets are no checkbox: not at the start, or holding more than a mark
ITEM_NEAR_MISSES = ["Check [x] done", "[date] (UTC) first", "[One paragraph summary]", "Check rate limits (429)"]


@pytest.mark.parametrize("text", ITEM_NEAR_MISSES + ["[TBD] Monitor alerts", "[ ]", "Monitor alerts [ ] weekly"])
def test_txt008_markdown_texts_near_misses_pass(text):
    """A Markdown text is read as an item too: brackets that are no checkbox at its start are text there as well."""
    assert _problem_of(RENDER, text, MARKDOWN) == ""


def _found(data, file: str, needle: str, says: str) -> None:
    found = [p for p in check(load_catalog(data), ["TXT008"], render=RENDER) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {(f"data/{file}", line_of(data / file, needle))}, [
        p.format() for p in found
    ]
    assert all(says in p.message for p in found), [p.format() for p in found]


@pytest.mark.parametrize(("file", "old", "new", "marker", "says"), FAULTS, ids=[f[4] for f in FAULTS])
def test_txt008_a_construct_is_an_error_at_itsline_of(data_copy, file, old, new, marker, says):
    edit(data_copy / file, old, new)
    _found(data_copy, file, marker, says)


def test_txt008_in_a_block_scalar_at_the_constructs_ownline_of(data_copy):
    file, old, new, marker = BLOCK
    edit(data_copy / file, old, new)
    _found(data_copy, file, marker, "list")


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_txt008_near_misses_pass(text):
    assert problem(RENDER, text) == ""


@pytest.mark.parametrize("text", PLAIN_NEAR_MISSES)
def test_txt008_plain_near_misses_pass(text):
    assert problem(RENDER, _AMONG_WORDS + text) == ""
    assert _problem_of(RENDER, text, PLAIN_TEXT) == ""


@pytest.mark.parametrize("text", ITEM_NEAR_MISSES)
def test_txt008_item_near_misses_pass(text):
    assert _problem_of(RENDER, text, ITEM) == ""


def test_txt008_real_data_passes(catalog):
    assert check(catalog, ["TXT008"], render=RENDER) == []


def test_txt008_reads_mkdocs_yml_through_mkdocs():
    names, configs = site_extensions(ROOT / "mkdocs.yml")
    assert {"toc", "tables", "fenced_code", "pymdownx.superfences", "attr_list"} <= set(names)  # built-ins first
    assert configs["toc"] == {"permalink": True}


def test_txt008_runs_in_playbook_check(data_copy):
    """The command passes the site's Markdown to the checks: the rule is not skipped where editors run it."""
    from playbook.cli.main import main

    edit(data_copy / (C + "log-access.yaml"), "with grep.", "with ~~grep~~ jq.")
    assert main(["--data", str(data_copy), "check", "--rule", "TXT008", "--no-cache"]) == 1


def test_txt008_a_warm_run_renders_nothing(data_copy, tmp_path):
    """The check's cache keeps what the texts render to, under their hash and the renderer's key: a warm run finds
    the same without rendering, and an edited text is rendered again."""
    from playbook.checks.cache import Cache

    calls = []

    def counting(text: str) -> str:
        calls.append(text)
        return RENDER(text)

    counting.key = RENDER.key
    cache = Cache.open(tmp_path / "cache", environ={})  # its own cache, not the session's $PLAYBOOK_CACHE_DIR
    edit(data_copy / (C + "log-access.yaml"), "with grep.", "with ~~grep~~ jq.")
    cold = check(load_catalog(data_copy), ["TXT008"], cache=cache, render=counting)
    assert cold and calls
    calls.clear()
    assert check(load_catalog(data_copy), ["TXT008"], cache=cache, render=counting) == cold
    assert calls == []
    edit(data_copy / (C + "log-access.yaml"), "~~grep~~ jq.", "grep.")
    assert check(load_catalog(data_copy), ["TXT008"], cache=cache, render=counting) == []
    assert calls


_SAFE = st.text(st.sampled_from("ab Z09,.;?'\"()/%–—’→…$@:-_é"), max_size=40)


@settings(max_examples=150, deadline=None)
@given(_SAFE)
def test_txt008_a_text_it_does_not_render_renders_as_text(text):
    """The rule renders only texts with a character or a line start Markdown reads (`_ACTIVE`): any other text,
    rendered all the same, holds nothing but text."""
    if not _ACTIVE.search(text):
        reader = _Reader()
        reader.feed(RENDER(text))
        assert reader.problem == "", (text, RENDER(text))
