"""Checker rule on curl's write-out variables (`%{http_code}`) given to an option other than -w (TOOL030)."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at_node, spots
from playbook.runbooks.destructive import runs

_WRITE_OUT = "%{"  # curl's write-out variables: %{http_code}, %{time_total}, %{url_effective}
# curl's short options that take a value (`curl --help all`): the word after one of them is its value
_VALUED_SHORT = set("AbcCdDeEFHKmoOQrTuUwxXyYz")


def _taker(arg: str) -> str | None:
    """The option whose value is the next word: a long option without `=`, or a short cluster ending in a valued
    letter (`-sw` is -s then -w); None when the word takes no value."""
    if arg.startswith("--"):
        return None if "=" in arg else arg
    if arg.startswith("-") and len(arg) > 1:
        for k, ch in enumerate(arg[1:], 1):
            if ch in _VALUED_SHORT:
                return None if k < len(arg) - 1 else f"-{ch}"  # `-wFORMAT`: the value is glued
    return None


def misplaced_formats(words: list[Node], argv: list[str]) -> Iterator[tuple[Node, str, str]]:
    """(the word to change: the option, or the format itself when nothing takes it; what takes it: an option, or "the
    URL"; the format) of each write-out format a curl gives to anything but -w."""
    k = 1
    while k < len(argv):
        arg = argv[k]
        taker = _taker(arg)
        if taker is not None and k + 1 < len(argv):
            if _WRITE_OUT in argv[k + 1] and taker not in ("-w", "--write-out"):
                yield words[k], taker, argv[k + 1]
            k += 2
            continue
        if _WRITE_OUT in arg and not arg.startswith(("-w", "--write-out=")) and not arg.startswith("-"):
            yield words[k], "the URL", arg
        k += 1


@rule(
    "TOOL030",
    "error",
    "curl's write-out variables (`%{http_code}`) are the value of -w (--write-out), not of another option",
    "curl prints `%{http_code}` only through -w; given to another option (one letter off: -e is --referer, -H a "
    "header, -d the body) or left as a URL, it is sent to the server and nothing is printed, so the status the step "
    "reads (200, 401, 429) is blank whatever the service answers, or curl fetches a URL of that name.",
    'write the format after -w: `curl -s -o /dev/null -w "%{http_code}\\n" URL`',
    tools=True,
)
def write_out_formats(ctx: CheckContext, report: Reporter):
    for s in spots(ctx.catalog):
        if s.kind != "shell" or "curl" not in s.code or _WRITE_OUT not in s.code:
            continue
        for _node, words, argv in runs(s.code):
            if argv[0] != "curl":
                continue
            for word, taker, fmt in misplaced_formats(words, argv):
                message = f"{fmt.strip()!r} is a -w format, given here to {taker}: curl prints none of it"
                yield at_node(report, s, word, message)
