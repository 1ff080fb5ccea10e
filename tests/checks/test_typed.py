"""FILE010: code holds only what a keyboard types (an em dash for `--`, smart quotes, a no-break space are errors), no
text holds a compatibility character (a ligature); FILE011: an escape in a single-quoted or plain YAML value, which
YAML keeps as typed. Each at its line; the real data and the near misses pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.typed import unprocessed_escapes, untyped_in_text
from playbook.data.load import load_catalog
from playbook.site.checking import check

S, C = "scenarios/", "procedures/"
TITLE = "title: CLI access (if Vercel"

# (rule, file, old, new, marker: the finding's line holds it)
FAULTS = [
    # autocorrect in code: an em dash for `--` (set 11 M50), an en dash, a minus sign, smart quotes, an ellipsis
    ("FILE010", C + "rollback.yaml", "git log --oneline -10", "git log \u2014oneline -10", "\u2014oneline"),
    ("FILE010", C + "rollback.yaml", "git log --oneline -10", "git log \u2013oneline -10", "\u2013oneline"),
    ("FILE010", C + "rollback.yaml", "git log --oneline -10", "git log --oneline \u221210", "\u221210"),
    ("FILE010", S + "database-down.yaml", 'code: ls -la "$DB_PATH"', "code: ls -la \u201c$DB_PATH\u201d", "ls -la"),
    ("FILE010", S + "database-down.yaml", '"PRAGMA integrity_check;"', "\u2018PRAGMA integrity_check;\u2019", "PRAGMA"),
    # a no-break space between a command and its argument (copied from a page): one word to bash
    ("FILE010", S + "database-down.yaml", 'code: ls -la "$DB_PATH"', 'code: ls\u00a0-la "$DB_PATH"', "ls\u00a0-la"),
    # a fullwidth letter in code, a ligature in a drill's expectation
    ("FILE010", S + "database-down.yaml", 'code: ls -la "$DB_PATH"', 'code: ls -l\uff41 "$DB_PATH"', "ls -l"),
    # a ligature pasted from the PDF binder into a search word (set 11 M60), and into a title
    ("FILE010", "search.yaml", "submit, finalize, validation", "submit, \ufb01nalize, validation", "\ufb01nalize"),
    ("FILE010", C + "log-access.yaml", TITLE, TITLE + " \ufb02ag", "\ufb02ag"),
    # a mathematical bold letter in a keyword, a no-break space in a step's text
    ("FILE010", "search.yaml", "submit, finalize, validation", "submit, finalize, \U0001d42fvalidation", "validation"),
    ("FILE010", C + "log-access.yaml", "search an export of the", "search an\u00a0export of the", "search an"),
    # escapes single quotes keep as typed (set 11 M55), a tab, a unicode escape, a quote; unquoted too
    ("FILE011", S + "database-down.yaml", 'stdout_equals: "1\\nok"', "stdout_equals: '1\\nok'", "1\\nok"),
    ("FILE011", C + "log-access.yaml", "logs with grep.", "logs\\twith grep.", "logs\\twith"),
    ("FILE011", C + "log-access.yaml", TITLE, "title: 'CLI acc\\u00e8s' #(if Vercel", "acc\\u"),
    ("FILE011", C + "log-access.yaml", "search an export of the", 'search an \\"export\\" of the', '\\"export'),
    ("FILE011", C + "log-access.yaml", "search an export of the", "search an export\\n of the", "export\\n"),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker"), FAULTS)
def test_a_fault_is_found_at_itsline_of(data_copy, rule, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = [p for p in check(load_catalog(data_copy), [rule]) if p.level == "error"]
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker))], [
        p.format() for p in found
    ]


def test_the_real_data_passes(catalog):
    assert check(catalog, ["FILE010", "FILE011"]) == []


def test_output_and_prose_typography_pass(data_copy):
    """A block that shows output prints any character; prose keeps its dashes, ellipses, arrows and signs."""
    typography = "\u2014 \u201cok\u201d \u2026 \u2192"
    edit(data_copy / (C + "disable-ai.yaml"), "# Expected response:", f"# Expected response {typography}")
    edit(data_copy / (C + "log-access.yaml"), "search an export of the", f"search an export {typography} of the")
    assert check(load_catalog(data_copy), ["FILE010"]) == []


@pytest.mark.parametrize(
    "text", ["wait\u2026 \u2013 ok \u2192 \u2705 \u2610", "caf\u00e9, Z\u00fcrich, \u2264 5", "x\u00b2 \u00bd"]
)
def test_typography_is_no_compatibility_letter(text):
    assert untyped_in_text(text) == -1


@pytest.mark.parametrize(
    "yaml_text",
    [
        'a: "1\\nok"',  # double quotes process it
        "regex: '^\\s*[0-9]+ \\n'",  # a regex reads its own escapes
        'stdout_json: \'{"a": "x\\ny"}\'',  # so does JSON
        "code: printf 'a\\n'",  # and code
        "a: |\n  printf 'a\\n'\n",  # a block scalar is code's own text
        "a: C:\\Users\\ops, dev\\.db",  # a backslash before no escape letter
    ],
)
def test_escapes_their_language_reads_pass(yaml_text):
    assert unprocessed_escapes(yaml_text) == []
