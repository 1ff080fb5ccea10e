"""Checker rule on options switching what a command reports (df -i: inodes, not space): its step names it (TOOL025)."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from collections.abc import Iterator

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.data.walk import runbooks
from playbook.runbooks.destructive import runs

# An option line of a GNU --help: `  -i, --inodes          list inode information instead of block usage` (short,
# long, what follows the name: `=WORD` for an option that takes a value, and the description)
_OPTION = re.compile(r"^\s{1,8}(?:(-\w)(?:,\s*|\s+))?(--[\w-]+)?(\S*)\s{2,}(\S.*)$", re.M)
# A description that switches the report's subject: "list X information instead of Y usage", "display file system
# status instead of file status" (X or Y is a kind of report); a layout or a spelling ("list entries by lines instead
# of by columns", "print a name instead of a number") is the same report
_SWITCH = re.compile(
    r"(?i)^(?:list|show|print|display|report)s?\s+(?P<x>[^;,.]+?)\s+instead of\s+(?P<y>[^;,.:]+)",
)
_REPORT = re.compile(r"(?i)\b(?:information|usage|status)\b")
_FORM = frozenset({"information", "info", "usage", "status", "the", "a", "an", "of", "each"})
_WORD = re.compile(r"[A-Za-z]{3,}")
_COMMENT = re.compile(r"(?:^|\s)#(.*)$", re.M)
# The read-only programs whose --help is read (never another program of the data: its --help could run something)
REPORTERS = frozenset({"df", "du", "ls", "stat", "ps", "free", "netstat", "ss", "who", "w", "id", "wc", "lsblk"})


@functools.cache
def switches(program: str) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """The options of `program` that switch what it reports, by its --help: option (-i, --inodes) -> (the help's
    description, what it reports instead ("inode"), the words of it the default's does not have: ("inode",)); {}
    without the program or a help."""
    exe = shutil.which(program) if program in REPORTERS else None
    if exe is None:
        return {}
    try:
        out = subprocess.run([exe, "--help"], capture_output=True, text=True, timeout=10, env={"LC_ALL": "C"})
    except (OSError, subprocess.SubprocessError):
        return {}
    found = {}
    for m in _OPTION.finditer(out.stdout):
        short, long, value, desc = m.groups()
        s = _SWITCH.match(desc)
        if value or not s or not (_REPORT.search(s["x"]) or _REPORT.search(s["y"])):
            continue  # an option that takes a value, or that does not switch the report's subject
        default = {w.lower() for w in _WORD.findall(s["y"])}
        named = [w.lower() for w in _WORD.findall(s["x"]) if w.lower() not in _FORM]
        subject = tuple(w for w in named if w not in default)
        if subject:
            found |= {o: (desc.strip(), " ".join(named), subject) for o in (short, long) if o}
    return found


def used(argv: list[str], options: dict) -> Iterator[tuple[int, str]]:
    """(index in argv, option) of each switching option a command gives: alone (-i, --inodes, --inode), or among
    other short options (-hi); none after `--`."""
    for i, a in enumerate(argv[1:], 1):
        if a == "--":
            return
        if a.startswith("--"):
            name = a.split("=", 1)[0]
            hit = next((o for o in options if o.startswith("--") and len(name) > 4 and o.startswith(name)), None)
        elif a.startswith("-") and a[1:].isalpha():
            hit = next((f"-{c}" for c in a[1:] if f"-{c}" in options), None)
        else:
            hit = None
        if hit:
            yield i, hit


def step_words(step) -> str:
    """The words a step says what it does with: its title, texts, items, its blocks' titles, notes and failures,
    and its code's comments (not its code: `--inodes` names no report to the reader)."""
    parts = [step.title, step.text or "", step.verify or "", *step.items]
    for opt in step.options:
        parts += [opt.title, opt.text or ""]
    for b in [*step.blocks, *(b for o in step.options for b in o.blocks)]:
        parts += [b.title or "", b.changes or "", b.undo or "", b.on_failure.means if b.on_failure else ""]
        parts += _COMMENT.findall(b.code)
    return "\n".join(parts)


@rule(
    "TOOL025",
    "error",
    "an option that switches what a command reports (its --help: `df -i` lists inode information instead of block "
    "usage) is named by the step that runs it",
    "`df -i` prints the same Filesystem table as `df -h`, with a Use% column, but of inodes: under a step that "
    'checks disk space, "100%" or "3%" answers another question, and the responder decides the disk is full (or '
    "not) from it. A drill that only runs the block passes either way.",
    "drop the option, or say in the step what it reports (inodes)",
    external=True,
)
def report_switches_named(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    books = dict(runbooks(cat))
    for s in spots(cat):
        if s.kind != "shell" or s.path[0] != "steps":
            continue
        step = books[s.file].steps[s.path[1]]
        said = None
        for _node, words, argv in cat.memoized(("switch", "runs", s.code), lambda s=s: list(runs(s.code))):
            options = switches(argv[0])
            for i, option in used(argv, options):
                desc, named, subject = options[option]
                said = step_words(step) if said is None else said
                if any(re.search(rf"(?i){re.escape(w.rstrip('s'))}", said) for w in subject):
                    continue
                message = (
                    f"{argv[0]} {argv[i]} switches what it reports ({option}: {desc}), and the step "
                    f'"{step.title}" never says {named}'
                )
                line, col = words[i].start_point[0] + 1, words[i].start_point[1] + 1
                yield at(report, s, line, col, message)
