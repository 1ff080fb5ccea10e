"""Checker rule on time formats a block gives `date` or strftime: each directive is one the tool reads, and the
month and the minute (%m, %M) are where a date and a time of day put them."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.runbooks.destructive import commands

# A directive: %, GNU's flags (- _ 0 ^ #), a width, then the conversion (with up to three colons for %:z).
_DIRECTIVE = re.compile(r"%[-_0^#]*\d*(:{0,3}[A-Za-z%+]|.?)")
_STRFTIME = re.compile(r"""strftime\(\s*(["'])((?:(?!\1).)*%(?:(?!\1).)*)\1""")  # jq's, SQLite's, Python's
# The directives of a calendar date and of a time of day: %m (month) beside the hour or the second is a minute
# typed in lower case, %M (minute) beside the year or the day a month in upper case.
_DATE = set("YyCdejGg")
_TIME = set("HIklSs")


@functools.cache
def date_directives() -> frozenset[str] | None:
    """The conversions this machine's `date` reads, from `date --help` (GNU); None when it cannot say."""
    date = shutil.which("date")
    if not date:
        return None
    try:
        out = subprocess.run([date, "--help"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = frozenset(re.findall(r"^\s+%(:{0,3}[A-Za-z%+])\s", out, re.M))
    return found or None


def _conversions(fmt: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(1)) for m in _DIRECTIVE.finditer(fmt)]


def problems(fmt: str, known: frozenset[str] | None) -> list[tuple[int, str, str]]:
    """(offset in `fmt`, message, hint) of each directive of time format `fmt` that is unknown to the tool (`known`:
    its conversions; None: not judged) or a month where a time of day goes, a minute where a date goes."""
    out = []
    conv = [(m.start(), m.end(), m.group(1)) for m in _DIRECTIVE.finditer(fmt)]
    for k, (i, _end, c) in enumerate(conv):
        if known is not None and c not in known:
            shown = fmt[i:_end]
            out.append((i, f"{shown} is no directive of date", "write one `date --help` lists (%Y %m %d %H %M %S …)"))
            continue
        # the directives beside this one, joined by at most one separator (`%H:%M`, `%Y-%m`, `%H%M`), not by a word
        beside = set()
        if k and len(gap := fmt[conv[k - 1][1] : i]) <= 1 and not gap.isalnum():
            beside.add(conv[k - 1][2])
        if k + 1 < len(conv) and len(gap := fmt[_end : conv[k + 1][0]]) <= 1 and not gap.isalnum():
            beside.add(conv[k + 1][2])
        if c == "m" and beside & _TIME and not beside & _DATE:
            out.append((i, "%m is the month, here beside the time of day", "write %M for the minute"))
        elif c == "M" and beside & _DATE and not beside & _TIME:
            out.append((i, "%M is the minute, here beside the date", "write %m for the month"))
    return out


def formats(code: str, kind: str) -> list[tuple[str, str]]:
    """(tool, format) of every time format of a block: `date +FORMAT` and strftime("FORMAT") calls."""
    out = []
    if kind == "shell" and "date" in code:
        for argv in commands(code):
            if argv[0].rsplit("/", 1)[-1] == "date":
                out += [("date", a[1:]) for a in argv[1:] if a.startswith("+")]
    out += [("strftime", m.group(2)) for m in _STRFTIME.finditer(code)]
    return out


@rule(
    "TOOL010",
    "error",
    "a time format (`date +…`, strftime) holds only the tool's directives, %m (month) in the date, %M (minute) in "
    "the time of day",
    "`date +%Y%m%dT%H%m%SZ` runs and prints the month where the minutes go: the name of a file kept during the "
    "incident misstates when it was made, two in one hour collide, and nobody sees it until the post-mortem reads "
    "it. An unknown directive (`%Q`) is printed as typed.",
    "write %M for the minute and %m for the month (`date --help` lists every directive)",
    external=True,
)
def time_formats(ctx: CheckContext, report: Reporter):
    for s in spots(ctx.catalog):
        if "%" not in s.code:
            continue
        for tool, fmt in formats(s.code, s.kind):
            start = s.code.find(fmt)
            if start < 0:
                continue
            for i, message, hint in problems(fmt, date_directives() if tool == "date" else None):
                o = start + i
                line, col = s.code.count("\n", 0, o) + 1, o - (s.code.rfind("\n", 0, o) + 1) + 1
                yield at(report, s, line, col, f"{tool} format {fmt}: {message}", hint)
