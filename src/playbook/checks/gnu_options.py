"""Checker rule on an option a block gives a GNU tool (df, ls, sort, grep…) that its --help does not list (TOOL031)."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from collections.abc import Iterator

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at_node, spots
from playbook.runbooks.destructive import runs

# GNU tools whose --help lists every option as `  -x, --long[=VALUE]`; curl, jq and SQLite are TOOL006's
PROGRAMS = frozenset(
    ["df", "du", "ls", "sort", "uniq", "head", "tail", "wc", "cut", "tr", "date", "grep", "cp", "mv", "rm", "mkdir"]
    + ["ln", "cat", "tee", "touch", "stat", "basename", "dirname"]
)
_LINE = re.compile(r"^\s{1,8}(?:(-[^-\s,]),?\s*)?(?:(--[\w-]+)(\[?=)?)?", re.M)


@functools.cache
def gnu_options(program: str) -> tuple[dict[str, bool], frozenset[str]] | None:
    """({short letter: whether it takes a value}, long names) of a GNU tool as its --help lists them; None when the
    tool is not installed here or its help is not GNU's."""
    path = shutil.which(program)
    if path is None:
        return None
    try:
        text = subprocess.run(
            [path, "--help"], capture_output=True, text=True, timeout=10, env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"}
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    shorts: dict[str, bool] = {}
    longs: set[str] = set()
    for short, long, eq in _LINE.findall(text):
        if long:
            longs.add(long)
        if short:
            shorts[short[1]] = eq == "=" or bool(re.search(rf"^\s+{re.escape(short)}\s+[A-Z]", text, re.M))
    for line in text.splitlines():  # a line may list more than one long name (`-q, --quiet, --silent`)
        if line.lstrip().startswith("-"):
            longs.update(re.findall(r"--[\w-]+", re.split(r"(?<=\S)\s{2,}", line.strip(), maxsplit=1)[0]))
    if len(longs) < 3 or "--help" not in longs:
        return None
    return shorts, frozenset(longs)


def unknown_options(program: str, argv: list[str]) -> Iterator[tuple[int, str]]:
    """(index in argv, option) of each option a GNU tool's --help does not list, past `--` and option values."""
    known = gnu_options(program)
    if known is None:
        return
    shorts, longs = known
    k = 1
    while k < len(argv):
        a = argv[k]
        if a == "--":
            return
        if a.startswith("--"):
            name = a.split("=", 1)[0]
            if name not in longs and not any(n.startswith(name) for n in longs):  # GNU takes a unique prefix
                yield k, name
        elif a.startswith("-") and len(a) > 1 and not a[1:].isdigit():
            for j, ch in enumerate(a[1:], 1):
                if ch not in shorts:
                    yield k, f"-{ch}"
                    break
                if shorts[ch]:
                    k += j == len(a) - 1  # the value is the next word, unless glued (-k1,1n)
                    break
        k += 1


def one_line(code: str, words: list) -> int:
    """How many of a command's words its own line holds (or the lines a backslash continues): the bash grammar,
    recovering from a line it cannot parse, may run the next lines into one command, whose words are not options."""
    raw = code.encode()
    for k in range(1, len(words)):
        gap = raw[words[k - 1].end_byte : words[k].start_byte]
        if b"\n" in gap and b"\\\n" not in gap:
            return k
    return len(words)


@rule(
    "TOOL031",
    "error",
    "every option a block gives a GNU tool (df, ls, sort, uniq, grep, date…) is one its own --help lists",
    "An option one letter off (`df -j` for -h, `sort --numric-sort`) stops the tool with 'invalid option' before it "
    "prints anything, or, as another letter it does have, changes what it prints: the step's reading (the disk "
    "left, the top counts) is missing or wrong while the command looks right.",
    "use the option the tool lists (`<tool> --help`)",
    external=True,
)
def gnu_options_known(ctx: CheckContext, report: Reporter):
    for s in spots(ctx.catalog):
        if s.kind != "shell":
            continue
        for _node, words, argv in runs(s.code):
            if argv[0] not in PROGRAMS:
                continue
            n = one_line(s.code, words)
            for k, option in unknown_options(argv[0], argv[:n]):
                yield at_node(report, s, words[k], f"{argv[0]} has no option {option} (`{argv[0]} --help`)")
