"""What a data template's expression may write into a text: a text or a number, and a duration only where one is."""

from __future__ import annotations

from typing import Any

import jinja2
from pydantic import BaseModel

from playbook.data import durations


def said(value: Any) -> Any:
    """What an expression may write into a data text: a text or a number (an undefined name is left to Jinja's
    StrictUndefined, which names it). Anything else is refused at load, with the reason: a record (`limits.WRITE`),
    a list or a mapping would be written as Python's repr of it, nothing (`None`) as the word None, a yes/no as True
    or False."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, jinja2.Undefined):  # a name nothing defines: Jinja says which when it writes it
        return value
    if isinstance(value, BaseModel):
        fields = ", ".join(f".{f}" for f in type(value).model_fields)
        raise TypeError(
            f"the expression gives a whole {type(value).__name__} record, not a text: name one of its fields ({fields})"
        )
    what = "nothing (no value)" if value is None else f"a {type(value).__name__}"
    raise TypeError(f"the expression gives {what}, not a text or a number")


def duration_words(value: Any, missing: str) -> str:
    """A duration of the data in words (`durations.words`); refused when there is none to say (a level without the
    field, a parameter that is no duration), which would leave a sentence with a gap ("SEV-4 posts every .")."""
    words = durations.words(value) if isinstance(value, str) else ""
    if not words:
        raise ValueError(f"{missing} (severities.yaml, the runbook's params): nothing to write here")
    return words
