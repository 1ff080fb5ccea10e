"""DEST007's reruns: prose that tells the reader to run a block again without the option that keeps it read-only."""

from __future__ import annotations

import re

from playbook.runbooks.destructive import unproven

# The words that ask for a command with an option taken out ("without -readonly", "drop the --dry-run flag"); the
# option itself is judged by the parse, never by its name.
_WITHOUT = re.compile(
    r"(?i)\b(?:without|minus|drop(?:ping)?|remov(?:e|ing)|leav(?:e|ing)\s+out|omit(?:ting)?|tak(?:e|ing)\s+out)"
    r"\s+(?:the\s+)?`?(-{1,2}[A-Za-z][\w-]*)`?"
)
_NEGATED = re.compile(r"(?i)\b(?:not|never|n't|cannot|avoid)\s+(?:\w+\s+){0,3}$")


def _dropped(code: str, option: str) -> str:
    """`code` with every word `option` taken out (as the reader would type it again)."""
    return re.sub(rf"(?<![\w-]){re.escape(option)}(?![\w=-])\s?", "", code)


def rerun_writes(text: str, codes: list[str]) -> list[tuple[str, str]]:
    """(the words, why) of each place `text` tells the reader to run a command of `codes` (its step's shell blocks)
    without an option the command has, where the parse proves that command read-only with the option and not without:
    "run both commands again without -readonly" (sqlite3 then opens the database for writing, creating it empty)."""
    out = []
    for m in _WITHOUT.finditer(text):
        if _NEGATED.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        option = m.group(1)
        for code in codes:
            if not re.search(rf"(?<![\w-]){re.escape(option)}(?![\w=-])", code):
                continue
            before = {(d.line, d.reason) for d in unproven(code)}
            after = [d for d in unproven(_dropped(code, option)) if (d.line, d.reason) not in before]
            if after:
                out.append((m.group(0).strip("`"), after[0].reason))
                break
    return out
