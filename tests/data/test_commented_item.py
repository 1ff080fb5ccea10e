"""LOAD002: a comment that hides only the `- ` line of a list item, so the item's other keys join the item above as
duplicate keys, is reported at the comment (the line to change), not at the duplicate key."""

from __future__ import annotations

from conftest import load_fails
from playbook.data.load import commented_item

STEP = "  - title: If state transition errors\n"


def test_a_commented_dash_line_is_found_at_the_comment(data_copy):
    _, problems = load_fails(data_copy, "scenarios/write-operations-failing.yaml", STEP, "  # " + STEP[2:])
    path = data_copy / "scenarios/write-operations-failing.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    line = lines.index("  # - title: If state transition errors") + 1
    assert [(p.rule, p.line, p.col) for p in problems] == [("LOAD002", line, 3)], [p.format() for p in problems]
    assert "comment hides only" in problems[0].message


def test_a_duplicate_key_with_no_comment_stays_at_the_key(data_copy):
    old = "  - title: Restore the database from backup\n    who: [oncall-primary, database-team]\n"
    new = old + "    who: [oncall-primary]\n"
    line, problems = load_fails(data_copy, "procedures/rollback.yaml", old, new)
    assert [(p.rule, p.line) for p in problems] == [("LOAD002", line + 2)]
    assert "duplicate key 'who'" in problems[0].message


def test_which_comments_hide_an_item():
    text = "steps:\n  - title: a\n    text: x\n  # - title: b\n    text: y\n"
    said = "duplicate key 'text' (first at line 3)"
    assert commented_item(text, said, 5, 5) == (4, 3)
    # a comment of prose, or one at another indent, hides no item of this list
    assert commented_item(text.replace("# - title: b", "# see below"), said, 5, 5) is None
    nested = "steps:\n  - title: a\n    text: x\n      # - title: b\n    text: y\n"
    assert commented_item(nested, said, 5, 5) is None
