"""A template's lookup of a data item by name (`link("…")`), and the definition an unknown name most nearly names.

A name a template cites that no item has (LOAD005) was misspelt at one of two places: the citation, or the item's own
definition, renamed while its citations kept the old name (set 15 M71: `vercel-dashboard` defined as
`vercel-dashbaord`). Which one, only the editor knows; the data tells the second place by construction: the item the
name most nearly names (`suggest.closest`), one edit away, that no template cites. It is reported there too, so the
line to fix is among the findings whichever it is.
"""

from __future__ import annotations

import re

from playbook.data.suggest import closest, one_edit
from playbook.errors import Problem, dotted

RULE = "LOAD005"


class NotInData(LookupError):
    """A template names an item its data file does not hold (said in words, not as a bare StopIteration); `near`, the
    item it most nearly names, and where that one is defined (`at`: file and path of raw keys, when known)."""

    def __init__(self, message: str, key: str = "", value: str = "", near: str | None = None, at=None) -> None:
        super().__init__(message)
        self.key, self.value, self.near, self.at = key, value, near, at


def one(items, key: str, value: str, where: str, defined: tuple[str, tuple] | None = None):
    """The item of `items` whose `key` is `value`; else NotInData naming `where` and the nearest such item (and, given
    `defined`, the file and the path of the list of `items`, where that item is defined)."""
    for item in items:
        if getattr(item, key) == value:
            return item
    names = [getattr(item, key) for item in items]
    near = closest(value, names)
    also = f": did you mean {near!r}?" if near else ""
    at = (defined[0], (*defined[1], names.index(near), key)) if near and defined else None
    raise NotInData(
        f"no {key} {value!r} in {where}{also} (fix the name here, or the {key} there)", key, value, near, at
    )


def renamed_definitions(cat, missed: list[tuple[NotInData, str, int]], templates: list[str]) -> list[Problem]:
    """LOAD005 at the definition of each item a missed name (error, file, line of the citation) most nearly names, one
    edit away, when no template of `templates` (every templated text, as typed) cites that item by name: the item may
    be the one renamed. Once per item, naming the first citation."""
    out, told = [], set()
    for error, file, line in missed:
        near, at = error.near, error.at
        if not near or not at or at in told or not one_edit(near, error.value) or _cited(near, templates):
            continue
        told.add(at)
        message = (
            f"the {error.key} {near!r} is cited by no template, and {error.value!r}, cited at {file}:{line}, is no "
            f"{error.key}: one of the two is misspelt"
        )
        hint = f"rename it back to {error.value!r} if it was renamed; else fix the name where it is cited"
        out.append(Problem(at[0], *cat.where(*at), RULE, message, hint, dotted(at[1])))
    return out


def _cited(name: str, templates: list[str]) -> bool:
    """Whether a template names `name` as a quoted string (`link("name")`, `alert('name')`)."""
    quoted = re.compile(rf"""(["']){re.escape(name)}\1""")
    return any(quoted.search(text) for text in templates)
