"""TXT018: a line typed as a list item that the site's Markdown does not read as one; TXT019: a nested item indented
under four spaces. Each fault is found at its line, each near miss passes."""

from __future__ import annotations

import pytest

from conftest import ROOT, edit
from fault_tests import assert_only_at, errors
from playbook import project as projects
from playbook.adapters.mkdocs.markdown import text_renderer
from playbook.checks.markdown_dialect import shallow_nest, unread_item
from playbook.site.checking import check

RENDER = text_renderer(projects.at(ROOT))
RESOLUTION = "        1. Increased database connection pool from 10 to 50\n        2. Fixed rate limit middleware bug"
USE_WHEN = 'text: "Use when a recent deployment broke validation or writes. Check what changed first."'


def _text(*lines: str) -> str:
    """A step's text as a YAML block of `lines` (an empty string a blank line), in place of USE_WHEN."""
    return "text: |-\n" + "\n".join(f"      {line}" if line else "" for line in lines)


# (rule, file, old, new, marker: the text of the line the finding must be on)
FAULTS = [
    # spent set 21 M03's kind (there in a post-mortem example, which the page shows as code): CommonMark's other
    # ordered marker, here from the second item on
    ("TXT018", "procedures/rollback.yaml", USE_WHEN,
     _text("Use when:", "", "1. a recent deployment broke writes", "2) writes fail after it"), "2) writes"),
    # a list glued to the line above it, no blank line between
    ("TXT018", "procedures/rollback.yaml", USE_WHEN,
     _text("Use when:", "- a recent deployment broke writes", "- not for a corrupt"), "- a recent deployment"),
    # spent set 21 M11's kind: a sub-item two spaces in
    ("TXT019", "procedures/rollback.yaml", USE_WHEN,
     _text("Use when:", "", "- a recent deployment broke writes", "  - check what changed first", "- not for"),
     "- check what changed first"),
]  # fmt: skip

NEAR_MISSES = [
    ("TXT018", "procedures/rollback.yaml", USE_WHEN,
     _text("Use when:", "", "1. a recent deployment broke writes", "2. writes fail (1) or (2) after it")),
    # a post-mortem example is shown as code, as typed: its `1)` is no list marker
    ("TXT018", "incident.yaml", RESOLUTION, RESOLUTION.replace("2. Fixed", "2) Fixed")),
    ("TXT018", "procedures/rollback.yaml", USE_WHEN,
     _text("Use when:", "", "- a recent deployment broke writes", "- not for a corrupt database")),
    ("TXT019", "procedures/rollback.yaml", USE_WHEN,
     _text("Use when:", "", "- a recent deployment broke writes", "    - check what changed first", "- not for")),
]  # fmt: skip


def _found(data, rule: str) -> list:
    return errors(data, [rule], RENDER)


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker"), FAULTS, ids=[f[4] for f in FAULTS])
def test_fault_is_an_error_at_its_line(data_copy, rule, file, old, new, marker):
    edit(data_copy / file, old, new)
    assert_only_at(_found(data_copy, rule), data_copy, file, marker)


@pytest.mark.parametrize(("rule", "file", "old", "new"), NEAR_MISSES, ids=[n[3][-30:] for n in NEAR_MISSES])
def test_near_miss_passes(data_copy, rule, file, old, new):
    edit(data_copy / file, old, new)
    assert _found(data_copy, rule) == []


@pytest.mark.parametrize(
    ("text", "at"),
    [("1) one\n2) two", 0), ("a\n\n1. one\n2) two", 10), ("Steps:\n- one", 7), ("```\n1) x\n```", None)],
)
def test_unread_item_is_the_first_line_lost(text, at):
    assert unread_item(RENDER, text) == at


@pytest.mark.parametrize(
    ("text", "at"),
    [("- a\n  - b", 6), ("- a\n    - b\n        - c", None), ("- a\n- b\n   1. c", 11), ("  - a\n  - b", None)],
)
def test_shallow_nest_is_the_first_item_under_four_spaces(text, at):
    assert shallow_nest(text) == at


@pytest.mark.parametrize("rule", ["TXT018", "TXT019"])
def test_real_data_passes(catalog, rule):
    assert check(catalog, [rule], render=RENDER) == []
