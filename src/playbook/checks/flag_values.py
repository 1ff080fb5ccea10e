"""Checker rule on the values blocks give a feature flag: one its default says it takes, as written (CAT015)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.data import files as F
from playbook.runbooks.destructive import runs

_BOOLEAN = ("true", "false")
_PRINTERS = frozenset({"printf", "echo"})


def flag_values(default: str) -> tuple[str, ...] | None:
    """The values a flag takes, by its default: a yes/no flag ("true") takes exactly "true" and "false"; None when
    the default does not say (a flag with other values)."""
    return _BOOLEAN if default in _BOOLEAN else None


def printed(argv: list[str]) -> str | None:
    """What `printf FORMAT [ARG]` or `echo [-n] WORDS` writes (no trailing newline); None for options it hides."""
    args = argv[1:]
    if argv[0] == "echo":
        while args and re.fullmatch(r"-[neE]+", args[0]):
            args = args[1:]
        return " ".join(args)
    if not args or args[0].startswith("-"):
        return None
    fmt = args[0].replace("\\n", "")
    return (args[1] if len(args) > 1 else "") if fmt == "%s" else fmt if "%" not in fmt else None


def given(code: str, name: str) -> list[tuple[int, int, str]]:
    """(line, column, value) of each value a shell block gives flag `name`: `NAME=value` (an assignment, an `--env`
    word), or printed into a command that names it (`printf 'false' | vercel env add NAME`)."""
    out = []
    assign = re.compile(rf"(?<![\w$]){re.escape(name)}=(['\"]?)([^\s'\";|&)]*)\1")
    for i, line in enumerate(code.split("\n")):
        out += [(i + 1, m.start() + 1, m.group(2)) for m in assign.finditer(line) if m.group(2)]
    cmds = list(runs(code))
    for k, (node, _, argv) in enumerate(cmds):
        if name not in argv[1:] or node.parent is None or node.parent.type != "pipeline" or k == 0:
            continue
        before, words, prev = cmds[k - 1]
        if before.parent == node.parent and prev[0] in _PRINTERS and (value := printed(prev)) is not None:
            w = words[-1]
            out.append((w.start_point[0] + 1, w.start_point[1] + 1, value))
    return [(line, col, v) for line, col, v in out if not v.startswith("$")]


@rule(
    "CAT015",
    "error",
    'a value a block gives a feature flag is one the flag takes, as its default writes it ("true", "false")',
    'The app compares the flag\'s value with the strings it knows: set to "False", "FALSE", "0" or "off" '
    'where it checks for "false", it keeps AI on after the emergency disable and its redeploy, and the responder '
    'believes it is off. A flag whose default is "true" or "false" takes exactly those two.',
    f"write the value as the flag's default in {F.CATALOG.name} writes its values: true or false, in lower case",
)
def flag_values_known(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    flags = [(f.name, vals) for f in cat.data.feature_flags if (vals := flag_values(f.default))]
    for s in spots(cat):
        if s.kind != "shell":
            continue
        for name, vals in flags:
            if name not in s.code:
                continue
            for line, col, value in cat.memoized(("flags", s.code, name), lambda s=s, n=name: given(s.code, n)):
                if value in vals:
                    continue
                meant = next((v for v in vals if v == value.lower()), None)
                message = f"{name} is given {value!r}, none of its values ({', '.join(map(repr, vals))})"
                hint = f"write {meant!r}: the app compares the exact string" if meant else ""
                yield at(report, s, line, col, message, hint)
