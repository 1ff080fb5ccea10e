"""Checker rule on a physical access code (a door's, an alarm's, a key safe's) written in the data's text (SEC027)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.data.markup import free_strings

# A code that opens something physical: what it opens (a door, a gate, an alarm, a keypad, a key safe or lock box, a
# cabinet, a rack, a room, a building's entrance), then `code`, `PIN`, `combination` or `passcode`, then the code
# itself (three digits or more, a keypad's `#` or `*` with it), after a colon or `is` at most: a number further on
# (a telephone's, to ask) is no code.
_CODE = re.compile(
    r"(?i)\b(?:door|gate|alarm|keypad|key ?safe|key ?box|lock ?box|padlock|safe|cabinet|rack|room|entrance|entry"
    r"|building|site|office|cage)\s+(?:access\s+)?(?:code|pin|combination|passcode)s?\b[\s:=-]*(?:is\s+)?[#*]?\d{3,}[#*]?"
)


@rule(
    "SEC027",
    "error",
    "no physical access code (a door's, an alarm's, a key safe's) in the data's text",
    "The playbook is published (a site, the binder, every clone of the repository): a door code or an alarm code "
    "written in a step gives physical access to the machines and their disks of patient data to anyone who reads "
    "it, and it stays in the repository's history after the code is changed. Who may enter a room is facilities' "
    "to grant; the step says whom to ask.",
    "take the code out and name who gives access (facilities, the office manager); change the code if it was pushed",
)
def physical_access_codes(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, text in free_strings(cat):
        if m := _CODE.search(text):
            message = f"{m.group(0)!r} is a physical access code, published to every reader"
            yield _finding_at(cat, report, file, path, text, m.start(), message, column=True)
