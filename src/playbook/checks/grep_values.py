"""Checker rule on grep patterns that match a JSON value a placeholder gives: the value is closed (TOOL015)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.runbooks.destructive import runs

_CLOSE = {'"': "the closing quote", ",": "the comma (or closing brace) that follows it in the record"}
GREPS = frozenset({"grep", "egrep", "fgrep", "zgrep"})
# `"key":"$VALUE` (a string) or `"key":$VALUE` (a number): a value that a variable gives, and what follows it
_VALUE = re.compile(r'":\s*(")?(\$(?:\{[A-Za-z_]\w*\}|[A-Za-z_]\w*))(.?)')
_WHOLE = re.compile(r"^-(?:[A-Za-z]*[wx][A-Za-z]*|-word-regexp|-line-regexp)$")  # -w, -x: a match is a whole word


def open_values(pattern: str) -> list[tuple[str, str]]:
    """(the variable, what should close its value) for each JSON value of a grep pattern that a variable gives and
    nothing closes: the pattern then also matches every longer value that starts with it (user_4560 for user_456)."""
    out = []
    for m in _VALUE.finditer(pattern):
        quoted, var, after = m.groups()
        if quoted and after != '"':
            out.append((var, '"'))
        elif not quoted and (not after or after not in ",}"):
            out.append((var, ","))
    return out


@rule(
    "TOOL015",
    "error",
    'a grep pattern that matches a JSON field\'s value given by a placeholder (`"userId":"$USER_ID"`) closes it',
    'Without its closing quote, `"userId":"$USER_ID` for user_456 also matches user_4560 … user_4569 and '
    "user_456x: the trace of one user (or one request) mixes in other users' records, and nothing shows it. A "
    "number's value ends at the next comma or brace the same way.",
    'end the value after the placeholder: the closing quote for a string ("$USER_ID\\""), a comma for a number',
    tools=True,
)
def grep_values_closed(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for s in spots(cat):
        if s.kind != "shell" or not any(g in s.code for g in GREPS):
            continue
        for _node, words, argv in cat.memoized(("grep", "runs", s.code), lambda s=s: list(runs(s.code))):
            if argv[0] not in GREPS or any(_WHOLE.match(a) for a in argv[1:]):
                continue
            for word, arg in zip(words[1:], argv[1:], strict=False):
                for var, close in open_values(arg):
                    what = "string" if close == '"' else "number"
                    message = (
                        f"the {what} value {var} in grep's pattern is not closed: it also matches every longer value "
                        f"that starts with it (another user's or request's records)"
                    )
                    line, col = word.start_point[0] + 1, word.start_point[1] + 1
                    yield at(report, s, line, col, message, f"close the value: write {_CLOSE[close]} right after {var}")
