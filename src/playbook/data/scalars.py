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


# YAML 1.2's core schema (the editor's yaml-language-server, the JS and Go libraries): what an unquoted value is.
_CORE: list[tuple[re.Pattern[str], object]] = [
    (re.compile(r"~|null|Null|NULL|"), lambda v: None),
    (re.compile(r"true|True|TRUE"), lambda v: True),
    (re.compile(r"false|False|FALSE"), lambda v: False),
    (re.compile(r"[-+]?[0-9]+"), lambda v: int(v, 10)),
    (re.compile(r"0o[0-7]+"), lambda v: int(v[2:], 8)),
    (re.compile(r"0x[0-9a-fA-F]+"), lambda v: int(v[2:], 16)),
    (re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"), float),
    (re.compile(r"[-+]?\.(?:inf|Inf|INF)"), lambda v: float(v.replace(".", "").lower())),
    (re.compile(r"\.nan|\.NaN|\.NAN"), lambda v: float("nan")),
]


def core_value(text: str) -> object:
    """The unquoted value `text` as YAML 1.2's core schema reads it (text when no form of it matches)."""
    for form, make in _CORE:
        if form.fullmatch(text):
            return make(text)  # type: ignore[operator]
    return text


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    return "text"


def typed_reading(text: str, value: object) -> tuple[str, str] | None:
    """(what PyYAML made of the unquoted `text`, what YAML 1.2 makes of it), in words, when the two differ (a
    digit separator `1_000`, a YAML 1.1 boolean `yes`, a leading-zero octal `012`); None when they agree. A date
    is text to YAML 1.2 but the same date to every reader of the schemas (a string of format date): not a difference."""
    if value is not None and not isinstance(value, bool | int | float):
        return None
    other = core_value(text)
    same = type(other) is type(value) and (other == value or other != other and value != value)
    if same or (isinstance(value, float) and isinstance(other, int) and other == value):
        return None
    return _kind(value), _kind(other)


def spelled(value: object) -> str | None:
    """How to write `value` so that every YAML reader reads it so (None for a value YAML 1.2 has no plain form of)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    return None
