"""TXT005 reads characters by their Unicode category: what a reader sees for what it is passes, the rest is found."""

from __future__ import annotations

import pytest

from playbook.checks.markup import unseen


@pytest.mark.parametrize(
    "text",
    [
        "café → naïve, ½ m², 37 °C … done",  # prose's typography and accents
        "tab\tand line feed\nare a text's own",
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
    ],
)
def test_a_character_lost_or_unseen_is_found_where_it_is(text, at, kind):
    found_at, said = unseen(text)
    assert found_at == at and kind in said, (found_at, said)
