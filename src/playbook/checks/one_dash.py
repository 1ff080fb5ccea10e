"""Checker rule on a long option typed with one dash (`vercel logs -prod`), by a tool's --help or the data (TOOL026)."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from collections import defaultdict

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at_node, spots
from playbook.runbooks.destructive import runs

# A word of one dash and two letters or more (`-prod`, `-dry-run`), which a getopt-style tool reads as short options
# bundled (-p -r -o -d) or refuses; digits make it no long option's name (`-n5`, `-10`).
_ONE_DASH = re.compile(r"-([a-z][a-z-]*[a-z])")
# In a --help: a long option (`--inodes`), and an option of one dash and a name opening a line (sqlite3's `-readonly`,
# find's `-depth`): a tool whose help lists one is a tool that takes long options with one dash.
_HELP_LONG = re.compile(r"(?<![\w-])--([a-z][\w-]*[a-z\d])")
_HELP_ONE_DASH = re.compile(r"^[ \t]*-([a-z][a-z-]*[a-z])\b", re.M)
# In a --help: a short option (`-a, --all`): a word whose every letter is one is a bundle that works (`ls -all`)
_HELP_SHORT = re.compile(r"(?<![\w-])-([A-Za-z])\b")
# The programs whose --help is read (each only prints its help: never another program of the data's, whose --help
# could run something)
HELPED = frozenset(
    {"ls", "df", "du", "stat", "ps", "free", "wc", "grep", "sort", "uniq", "head", "tail", "cut", "tr", "jq", "curl",
     "sqlite3", "find", "date", "xargs", "sed", "awk", "tar", "gzip", "cp", "mv", "rm", "mkdir", "cat", "diff"}
)  # fmt: skip


@functools.cache
def help_options(program: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(long option names, one-dash option names, short option letters) that `program --help` lists; empty without
    the program or a help."""
    exe = shutil.which(program) if program in HELPED else None
    if exe is None:
        return frozenset(), frozenset(), frozenset()
    try:
        out = subprocess.run([exe, "--help"], capture_output=True, text=True, timeout=10, env={"LC_ALL": "C"})
    except (OSError, subprocess.SubprocessError):
        return frozenset(), frozenset(), frozenset()
    text = out.stdout + out.stderr
    found = (_HELP_LONG.findall(text), _HELP_ONE_DASH.findall(text), _HELP_SHORT.findall(text))
    return tuple(frozenset(f) for f in found)  # type: ignore[return-value]


def data_options(cat) -> dict[str, set[str]]:
    """The long options (names, without dashes) the data's commands give each program: the data's own facts."""

    def make() -> dict[str, set[str]]:
        found: dict[str, set[str]] = defaultdict(set)
        for s in spots(cat):
            if s.kind != "shell":
                continue
            for _node, _words, argv in runs(s.code):
                for a in argv[1:]:
                    if a == "--":
                        break
                    if a.startswith("--") and len(a) > 3:
                        found[argv[0]].add(a[2:].split("=", 1)[0])
        return found

    return cat.memoized(("one dash", "options"), make)


def long_meant(program: str, word: str, known: set[str]) -> str:
    """Where `--word` is known as `program`'s long option ('' when it is not, or the tool takes one dash for it)."""
    longs, one_dash, shorts = help_options(program)
    if one_dash:  # the tool takes options of one dash and a name: -readonly is one
        return ""
    if set(word) <= shorts:  # every letter a short option the help lists: a bundle that works (`ls -all`: -a -l)
        return ""
    if word in longs:
        return f"`{program} --help` lists --{word}"
    if word in known:
        return f"the data gives {program} --{word} elsewhere"
    return ""


@rule(
    "TOOL026",
    "error",
    "a long option is typed with its two dashes (`--prod`, not `-prod`), by the tool's --help or the data's own uses",
    "A tool that reads options the getopt way takes `-prod` as the short options -p -r -o -d bundled, or refuses it: "
    "the step fails, or runs with options no one meant (here `-p` may take `rod` as its value), and shows something "
    "other than what the step says (another environment's logs, a dry run that is not one). The long option is known "
    "from the tool's `--help` where it is installed, or from the data, which gives the same tool `--prod` elsewhere. "
    "A tool whose help lists options of one dash (sqlite3's `-readonly`, find's `-name`) takes them so.",
    "type the option with two dashes (--prod)",
    external=True,
)
def one_dash_long_options(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    known = data_options(cat)
    for s in spots(cat):
        if s.kind != "shell":
            continue
        for _node, words, argv in cat.memoized(("one dash", "runs", s.code), lambda s=s: list(runs(s.code))):
            for i, a in enumerate(argv[1:], 1):
                if a == "--":
                    break
                m = _ONE_DASH.fullmatch(a)
                if not m or not (where := long_meant(argv[0], m.group(1), known.get(argv[0], set()))):
                    continue
                message = f"{a} has one dash: {argv[0]} reads it as short options, not as --{m.group(1)} ({where})"
                yield at_node(report, s, words[i], message)
