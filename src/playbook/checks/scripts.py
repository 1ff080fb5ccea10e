"""Checker rule on look-alike letters: a word of Latin letters with one of another script pasted in (devоps)."""

from __future__ import annotations

import re
import unicodedata

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.markup import free_strings

_WORD = re.compile(r"[^\W\d_]+(?:[\w-]*[^\W\d_])?")  # letters, with digits, _ and - inside (DB_PATH, devops-team)


def _script(letter: str) -> str:
    """The script a letter's Unicode name starts with (LATIN, CYRILLIC, GREEK …); its own name for a sign (MICRO)."""
    return unicodedata.name(letter, "?").split(" ", 1)[0]


def mixed(text: str) -> list[tuple[int, str, str]]:
    """(offset, word, the foreign letter) of every word of Latin letters holding a few letters of another script:
    one that reads like the Latin word (a Cyrillic о in devops) and is another string to every program."""
    if text.isascii():
        return []
    out = []
    for m in _WORD.finditer(text):
        letters = [c for c in m.group() if c.isalpha()]
        other = [c for c in letters if _script(c) != "LATIN"]
        if other and len(letters) - len(other) >= 2 and len(other) < len(letters) - len(other):
            out.append((m.start(), m.group(), other[0]))
    return out


@rule(
    "FILE009",
    "error",
    "no word of Latin letters holds a letter of another script (a Cyrillic о in devops)",
    "A letter pasted from a chat or a document in another script looks the same in review, but it is another "
    "character to YAML, bash and the browser: a team id that names nobody, a variable bash never set, a command "
    "no shell finds, a search word no reader types.",
    "retype the word on a Latin keyboard layout",
)
def look_alike_letters(ctx: CheckContext, report: Reporter):
    for file, path, text in free_strings(ctx.catalog):
        for _, word, letter in mixed(text)[:1]:
            name = unicodedata.name(letter, "?").lower()
            message = f"{word!r} holds a {name} (U+{ord(letter):04X}) among Latin letters"
            yield report(file, path, message, needle=word)
