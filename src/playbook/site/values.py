"""How data values read on a page: a duration in words, an unknown value as a visible TBD."""

from __future__ import annotations

from playbook.data import durations
from playbook.data.model import TBD
from playbook.markdown import esc


def dur(value: str | None, none: str = "—") -> str:
    return durations.words(value) if value else none


def known(value: str) -> str:
    """A contact value, or a visible unknown marker for TBD (never a blank cell)."""
    if value == TBD:
        return '<span class="pb-tbd" title="Not known yet: ask the owner to supply it">❓ TBD</span>'
    return esc(value)
