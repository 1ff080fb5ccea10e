"""Checker rule on grep patterns of the log file: their JSON shape can match the compact JSON Lines (TOOL022)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.grep_values import GREPS
from playbook.checks.tools import at, spots
from playbook.runbooks.destructive import runs
from playbook.runbooks.jqrun import _names, log_files

# grep's options that take a value as the next word (GNU grep's manual); -e and -f give the patterns
_VALUED = {"-e", "-f", "-m", "-A", "-B", "-C", "-d", "-D", "--regexp", "--file", "--max-count", "--context"}
_FIXED = re.compile(r"^-(?:[A-Za-z]*F[A-Za-z]*|-fixed-strings)$")
# a key of the record, its closing quote, and what stands between it and its value: `level":"`, `endpoint": "`
_KEY = re.compile(r'(\w+)(\\?")?([ \t]*):([ \t]*)(\\?.)?')
_REPEAT = re.compile(r"\\?[*?+]|\\?\{\d")


def patterns(args: list[str]) -> list[tuple[int, str]]:
    """(index in `args`, pattern) of each pattern a grep call's arguments give: each -e's, else the first operand."""
    out, first, k = [], None, 0
    while k < len(args):
        a = args[k]
        if a in ("-e", "--regexp") and k + 1 < len(args):
            out.append((k + 1, args[k + 1]))
        elif a.startswith("--regexp="):
            out.append((k, a.split("=", 1)[1]))
        elif a == "--":
            first = first if first is not None else (k + 1 if k + 1 < len(args) else None)
            break
        elif not a.startswith("-") and first is None:
            first = k
        k += 1 + (a in _VALUED)
    return out or ([(first, args[first])] if first is not None else [])


def log_keys(fields) -> dict[str, str]:
    """Each key the log's records hold (a field's last name, and the objects above it: context, error) and the
    type of its value; "" when two fields of that name differ in type."""
    out: dict[str, str] = {}
    for f in fields:
        names = f.path.split(".")
        for k, name in enumerate(names):
            kind = f.type if k == len(names) - 1 else "object"
            out[name] = kind if out.get(name, kind) == kind else ""
    return out


def misshapen(pattern: str, fields: dict[str, str], fixed: bool) -> Iterator[tuple[str, str]]:
    """(the key, why) of each `"key":value` of a grep pattern that compact JSON (no space around `:`, a string
    quoted, a number not) never writes for that field of the log format (`fields`: its last name and its type)."""
    for m in _KEY.finditer(pattern):
        key, quote, before, after, nxt = m.groups()
        if key not in fields or not quote:
            continue
        repeats = nxt is not None and _REPEAT.match(pattern, m.start(5))  # ` *`, ` \?`, ` \{0,1\}`: optional spaces
        if (before or after) and (fixed or not repeats):
            yield key, 'a space around its ":" (the log is compact JSON: "key":value, no space)'
            continue
        if nxt is None or before or after:
            continue
        starts_string = nxt in ('"', '\\"')
        if fields[key] == "string" and not starts_string and (fixed or nxt[0] not in ".[\\(^$"):
            yield key, "its string value unquoted (the log quotes every string)"
        elif fields[key] in ("integer", "number", "boolean") and starts_string:
            yield key, f"its {fields[key]} value in quotes (the log writes numbers and booleans bare)"
        elif fields[key] == "object" and nxt[0] not in "{.[\\(":
            yield key, "a value that is no object (the log writes an object there: {…})"


@rule(
    "TOOL022",
    "error",
    "a grep pattern of the log file has the JSON shape of the log's records (compact JSON Lines)",
    'The log is compact JSON Lines (catalog.yaml\'s log_format): `"endpoint":"/api/auth/signin"`, no space around '
    'the colon. `grep "endpoint\\": \\"/api/auth/signin\\""` never matches a record, and the empty output reads as '
    '"no sign-in requests at all". A string value is always quoted, a number never.',
    'write the field as the log writes it: `"key":"value"` for a string, `"key":123` for a number, no spaces',
    tools=True,
)
def log_greps_match(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    lf = cat.data.log_format
    if lf is None or "json" not in (lf.encoding or "").lower():
        return
    fields = log_keys(lf.fields)
    logs = set(log_files(cat))
    for s in spots(cat):
        if s.kind != "shell" or not any(g in s.code for g in GREPS):
            continue
        for _node, words, argv in cat.memoized(("grep", "runs", s.code), lambda s=s: list(runs(s.code))):
            if argv[0] not in GREPS or not any(_names(a, logs) for a in argv[1:]):
                continue
            fixed = argv[0] == "fgrep" or any(_FIXED.match(a) for a in argv[1:])
            for k, pattern in patterns(argv[1:]):
                for key, why in misshapen(pattern, fields, fixed):
                    word = words[k + 1]
                    line, col = word.start_point[0] + 1, word.start_point[1] + 1
                    message = f'grep\'s pattern gives "{key}" {why}: it matches no record of the log'
                    yield at(report, s, line, col, message)
