"""TXT005 reads characters by their Unicode category: what a reader sees for what it is passes, the rest is found."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from playbook.checks.markup import unseen


@pytest.mark.parametrize(
    "text",
    [
        "café → naïve, ½ m², 37 °C … done",  # prose's typography and accents
        "a line feed\nis a text's own",
        "Ελληνικά, русский, 日本語",  # other scripts (FILE009 judges a look-alike inside a Latin word)
        "✅ ☐ ⚠️",  # the symbols the example post-mortem shows (with an emoji's variation selector)
    ],
)
def test_what_a_reader_sees_passes(text):
    assert unseen(text) == (-1, "")


@pytest.mark.parametrize(
    ("text", "at", "kind"),
    [
        ("What We\ufffdll Do", 7, "replacement character"),
        ("Roll\u00adback", 4, "invisible format character"),  # a soft hyphen
        ("\ue000Roll", 0, "private-use"),
        ("Ro\U000e0080ll", 2, "unassigned"),
        ("\x1b[31mred", 0, "control character"),
        ("e\u0301\u200d", 2, "invisible format character"),  # a zero-width joiner after a combining accent
        ("System\tis down", 6, "a tab"),  # pasted from a spreadsheet's cell (set 13 M50, spent)
        ("\tindented prose", 0, "a tab"),  # prose is no code: a tab never indents it
        ("Incidents are inevitable.\u2028Chaos", 25, "line separator"),  # set 13 M59 (spent), an escape in quotes
        ("one\u2029two", 3, "paragraph separator"),
        ("caf\u00e9\tau lait", 4, "a tab"),  # beyond ASCII too
    ],
)
def test_a_character_lost_or_unseen_is_found_where_it_is(text, at, kind):
    found_at, said = unseen(text)
    assert found_at == at and kind in said, (found_at, said)


def test_code_may_indent_with_tabs_but_not_hide_one_between_words():
    assert unseen("cat <<-EOF\n\t\tindented\n\tEOF", code=True) == (-1, "")
    assert unseen("awk -F'\\t' '{print $1}'", code=True) == (-1, "")  # an escape, two characters
    assert unseen("cut -f2\tfile", code=True)[0] == 7
    assert unseen("\tok\nx\ty", code=True)[0] == 5


@given(
    before=st.text(st.characters(categories=["L", "N", "P", "S"], include_characters=" \n")),
    unseen_char=st.characters(categories=["Cc", "Cf", "Zl", "Zp"], exclude_characters="\n"),
    after=st.text(st.characters(categories=["L", "N", "P", "S"], include_characters=" \n")),
    code=st.booleans(),
)
def test_any_control_format_or_separator_character_is_found_where_it_is(before, unseen_char, after, code):
    if code and unseen_char == "\t" and before.rsplit("\n", 1)[-1] == "":
        before += "x"  # a tab that indents a line of code is code's own
    assert unseen(before + unseen_char + after, code)[0] == len(before)
