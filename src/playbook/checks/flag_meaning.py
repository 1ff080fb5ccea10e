"""Checker rule on a feature flag's help: the value it says refuses is the one the data refuses with (CAT016)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.flag_values import flag_values, given
from playbook.checks.tools import spots
from playbook.data import files as F
from playbook.data.walk import blocks

# "When false, …" / "When set to true, …" / "If FLAG is false, …": the value a clause of the help is about, up to the
# end of its sentence (a clause naming the refused response says that value refuses).
_CLAUSE = re.compile(r"(?i)\b(?:when|if|while)\b[^.;:,]*?\b(true|false)\b([^.;]*)")
_REFUSED = re.compile(r"(?i)\brefus")


def said_refusing(help_text: str) -> list[str]:
    """The values the help says answer with the refused response ("When false, AI endpoints answer with the refused
    response" → ["false"])."""
    return [m.group(1).lower() for m in _CLAUSE.finditer(help_text) if _REFUSED.search(m.group(2))]


def refusing_values(cat, name: str, default: str) -> set[str]:
    """The values of flag `name` that make the app answer the refused response, by the data: the values the blocks
    whose changes: say so give it (Disable AI sets false), else every value but the default (the default is the app
    as it normally runs)."""
    out = set()
    for s, (_, _, block) in zip(spots(cat), blocks(cat), strict=True):
        if s.kind == "shell" and name in s.code and _REFUSED.search(block.changes or ""):
            out |= {v for _, _, v in given(s.code, name)}
    return out or set(flag_values(default) or ()) - {default}


@rule(
    "CAT016",
    "error",
    "the value a feature flag's help says turns on the refused response is the one the data turns it on with: not "
    "its default, and the value the disabling blocks give it",
    "The flag's help is what the reference page says the flag means; a responder who checks it under pressure sets "
    "the value it names. Help that says the default (true) refuses, while Disable AI sets false and its changes: "
    "say false refuses, sends the responder to set AI on while believing it off.",
    "name the value the disabling blocks give the flag (the one that is not its default)",
)
def flag_help_meaning(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, flag in enumerate(cat.data.feature_flags):
        if not flag_values(flag.default):
            continue
        refusing = refusing_values(cat, flag.name, flag.default)
        for value in said_refusing(flag.help):
            if value in refusing:
                continue
            message = (
                f"the help of {flag.name} says {value!r} answers the refused response, but {value!r} is "
                f"{'its default' if value == flag.default else 'not a value the disabling blocks give it'}; "
                f"{' or '.join(map(repr, sorted(refusing)))} refuses"
            )
            yield report(F.CATALOG, ("feature_flags", i, "help"), message, f"write {sorted(refusing)[0]!r}")
