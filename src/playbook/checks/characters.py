"""The characters a data text may hold, allowed by kind (TXT016): Latin letters, digits, punctuation and symbols."""

from __future__ import annotations

import unicodedata

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.data.markup import code_strings, free_strings

# What the data's text is written with (read off data/**: ASCII, then an arrow, an ellipsis, an en dash, a ballot box
# and a check mark): letters of the Latin script (accented ones included), ASCII digits, punctuation and symbols. Deny
# by default: anything else is refused wherever it stands (a combining mark, a letter of another script that looks like
# a Latin one, a digit of another script, a space other than the space), except what TXT005 already refuses (a control,
# format, private-use or unassigned character, a line or paragraph separator), so that one character is told once.
_TOLD_ELSEWHERE = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}
# Joined to the symbol before it (an emoji's presentation selector, a zero-width joiner inside an emoji's sequence)
_EMOJI_JOINERS = {"\ufe0e", "\ufe0f", "\u200d"}


def allowed(ch: str, before: str = "") -> bool:
    """Whether a data text may hold `ch` (`before`: the character before it)."""
    if " " <= ch <= "~" or ch == "\n":
        return True
    kind = unicodedata.category(ch)
    if kind[0] in "PS":
        return True
    if kind[0] == "L":
        return unicodedata.name(ch, "").startswith("LATIN ")
    if ch in _EMOJI_JOINERS:
        return bool(before) and unicodedata.category(before) in ("So", "Sk")
    return kind in _TOLD_ELSEWHERE


def refused(text: str) -> int:
    """The offset of the first character of `text` a data text may not hold, or -1."""
    if text.isascii():
        return -1
    return next((i for i, ch in enumerate(text) if not allowed(ch, text[i - 1] if i else "")), -1)


def _what(ch: str) -> str:
    kind = unicodedata.category(ch)
    name = unicodedata.name(ch, "unnamed").lower()
    if kind[0] == "M":
        return f"a combining mark ({name}), drawn over the character before it"
    if kind[0] == "L":
        return f"a letter of another script ({name}), which a Latin letter may look like but no search finds"
    if kind[0] == "N":
        return f"a number character other than an ASCII digit ({name})"
    if kind[0] == "Z":
        return f"a space other than the space ({name})"
    return name


@rule(
    "TXT016",
    "error",
    "a data text holds only Latin letters, ASCII digits, spaces, punctuation and symbols",
    "The data is written in English with Latin letters, ASCII digits, punctuation and symbols (an arrow, an ellipsis, a"
    " check mark). Any other character is a trick of a chat or a copy: a combining mark (a strikethrough faked with "
    "U+0336 after each letter, an accent typed apart), a letter of another script that looks like a Latin one (a "
    "Cyrillic `а`), a digit of another script, a space that is not one. The word then looks the same or nearly, but it "
    "is another word to the search, to a screen reader, to the alerts and the tools that match names, and how it shows "
    "depends on the font. Code is FILE010's (ASCII only); a control or invisible character TXT005's.",
    "retype the word with the keyboard's letters (an accented letter as one character: é, not e and U+0301); to strike "
    "a word out, delete it",
)
def characters_allowed(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    code = {(file, path) for file, path, _ in code_strings(cat)}
    for file, path, text in free_strings(cat):
        if (file, path) in code:
            continue
        at = refused(text)
        if at >= 0:
            ch = text[at]
            message = f"U+{ord(ch):04X} is {_what(ch)}: a data text holds Latin letters, digits, signs and symbols"
            yield _finding_at(cat, report, file, path, text, at, message, column=True)
