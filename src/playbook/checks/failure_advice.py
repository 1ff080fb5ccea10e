"""Checker rule RUN020: what a failure means never tells the reader to delete, remove or overwrite anything."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.stop_words import unnegated
from playbook.data.walk import blocks

# An instruction to destroy: the verb in its base form ("it was deleted" is what happened, not advice). A negation
# before it ("do not delete", "never remove") is a warning, and passes.
_DESTROY = re.compile(
    r"(?i)\b(?:delete|remove|rm|wipe|erase|discard|purge|truncate|drop|overwrite|clear\s+out|clean\s+up"
    r"|throw\s+away|get\s+rid\s+of)\b"
)
_NEGATED = re.compile(r"(?i)\b(?:not|never|n't|no|without)\b[^.;:!?]{0,25}$")


def destroy_advice(text: str) -> str | None:
    """The first phrase of `text` that tells the reader to destroy something, not negated, to its clause's end."""
    if not (m := unnegated(_DESTROY, text, _NEGATED)):
        return None
    end = re.search(r"[.;:!?,]|$", text[m.end() :])
    return text[m.start() : m.end() + (end.start() if end else 0)].strip()


@rule(
    "RUN020",
    "error",
    "a failure's `means:` never tells the reader to delete, remove, wipe or overwrite anything",
    "At a failure the reader is tired and the state is unknown: what `means:` says is done by hand, outside any "
    "block, so nothing asks before it and nothing can undo it. 'Delete $DB_PATH.restoring and run this part again' "
    "throws away the half-restored copy the guard kept to show a restore was interrupted; 'delete the kept folder' "
    "throws away the only copy of the corrupt database. A destructive act belongs in a block marked "
    "`destructive: true`, with its changes: and undo:, where the runner asks first.",
    "say what the failure means and whom to escalate to; if something must really be removed, put the command in "
    "a step of its own marked `destructive: true` and point to that step",
)
def failures_never_destroy(ctx: CheckContext, report: Reporter):
    for file, path, b in blocks(ctx.catalog):
        failure = getattr(b, "on_failure", None)
        if failure is None or not (phrase := destroy_advice(failure.means)):
            continue
        message = f"means: tells the reader to {phrase[:60]!r} by hand, where nothing asks first"
        yield report(file, (*path, "on_failure", "means"), message, needle=phrase.split()[0])
