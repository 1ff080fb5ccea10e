"""How data values read on a page: a duration in words, an unknown value as a visible TBD."""

from __future__ import annotations

from playbook.data import durations
from playbook.data.model import TBD
from playbook.markdown import Md, text


def dur(value: str | None, none: str = "—") -> Md:
    return text(durations.words(value)) if value else Md("{}").format(none)


def known(value: str) -> Md:
    """A contact value, or a visible unknown marker for TBD (never a blank cell)."""
    if value == TBD:
        return Md('<span class="pb-tbd" title="Not known yet: ask the owner to supply it">❓ TBD</span>')
    return text(value)
