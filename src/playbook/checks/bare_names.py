"""Checker rule on a placeholder's name a command is given without its `$` (`--arg since "SINCE"`): REF024."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.data import files as F
from playbook.runbooks.destructive import runs

# Commands whose operands are variable names, and options whose next word is one (`test -v NAME`, `printf -v NAME`,
# jq's `--arg NAME VALUE`): there a placeholder's bare name is the variable, not a value typed without its `$`.
_NAMES_VARIABLES = frozenset(
    {"read", "unset", "export", "local", "declare", "typeset", "readonly", "printenv", "mapfile", "readarray"}
)
_NAME_NEXT = frozenset({"-v", "--arg", "--argjson", "--slurpfile", "--rawfile"})


def bare(code: str, names: set[str]) -> list[tuple[int, int, str]]:
    """(line, column, name) of each word of a shell block that is, once its quotes are read, exactly the name of a
    placeholder `names` (a command given the word SINCE where it meant the value $SINCE)."""
    out = []
    for _, words, argv in runs(code):
        if argv[0] in _NAMES_VARIABLES:
            continue
        for k in range(1, len(argv)):
            if argv[k] in names and argv[k - 1] not in _NAME_NEXT:
                w = words[k]
                out.append((w.start_point[0] + 1, w.start_point[1] + 1, argv[k]))
    return out


def bare_uses(cat) -> dict[str, list]:
    """Each placeholder named bare by some block: its name, and (spot, line, column) of every such word."""

    def make() -> dict[str, list]:
        names = {p.name for p in cat.meta.placeholders}
        out: dict[str, list] = {}
        for s in spots(cat):
            if s.kind in ("shell", "jq"):
                for line, col, name in bare(s.code, names):
                    out.setdefault(name, []).append((s, line, col))
        return out

    return cat.memoized(("bare_names",), make)


@rule(
    "REF024",
    "error",
    f"a command is never given the bare name of a placeholder of {F.META.name} (`SINCE` where it reads `$SINCE`)",
    'Without its `$` the shell passes the word itself: `jq --arg since "SINCE"` compares every timestamp with the '
    'string SINCE, which sorts after "2026-…", so the query of the last hour prints nothing and reads as "no errors"; '
    "`grep USER_ID` finds no line of that user. The command runs, exits 0 and says something false.",
    'write the placeholder\'s value: `$NAME` (in double quotes: "$NAME")',
)
def placeholders_not_bare(ctx: CheckContext, report: Reporter):
    for name, uses in bare_uses(ctx.catalog).items():
        for s, line, col in uses:
            yield at(report, s, line, col, f"{name} is the placeholder's name: the command gets the word, not ${name}")
