"""How YAML readers other than PyYAML type an unquoted value PyYAML reads as text (FILE012).

PyYAML reads YAML 1.1, and not all of it: `09:00` is text to it (its base-60 integers start with 1-9), `y` and `n`
are text (the 1.1 spec's booleans include them), and `1e3` or `0o12` are text (YAML 1.2's core schema reads them as
numbers, as the editor's yaml-language-server does). The data must mean the same to every reader of it: the editor,
a script in another language, the next version of the loader. The forms are YAML's own resolvers (the 1.1 type
repository at yaml.org/type and the 1.2 core schema), written here because no installed library exposes both.
"""

from __future__ import annotations

import re

# The first character of a value any of the forms below can start with: the loader looks at no other value.
FIRST = frozenset("0123456789+-.yYnN")

_FORMS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+"),
        "a base-60 number to YAML 1.1 ({number}; PyYAML reads 10:30 as 630, and keeps text only after a leading zero)",
    ),
    (re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*"), "a base-60 number to YAML 1.1"),
    (re.compile(r"[yYnN]"), "a boolean to YAML 1.1 (y and n are yes and no)"),
    (re.compile(r"0o[0-7]+"), "an octal number to YAML 1.2 ({number})"),
    (re.compile(r"0x[0-9a-fA-F]+"), "a hexadecimal number to YAML 1.2 ({number})"),
    (re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"), "a number to YAML 1.2 ({number})"),
    (re.compile(r"[-+]?[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"), "a date to YAML 1.1 readers that take one-digit months"),
]


def _number(value: str) -> str:
    text = value.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    try:
        if ":" in text:
            n = 0
            for part in text.split(":"):
                n = n * 60 + int(part)
            return str(sign * n)
        if text.startswith("0o"):
            return str(sign * int(text[2:], 8))
        if text.startswith("0x"):
            return str(sign * int(text[2:], 16))
        number = float(text)
        return str(sign * int(number)) if number.is_integer() and abs(number) < 1e15 else str(sign * number)
    except ValueError:
        return value


def other_reading(value: str) -> str | None:
    """What another YAML reader makes of the unquoted text `value` (PyYAML's text), in words; None when it is
    text to every reader."""
    for form, words in _FORMS:
        if form.fullmatch(value):
            return words.format(number=_number(value))
    return None
