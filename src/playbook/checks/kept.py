"""Checker rule on what a runbook destroys where it keeps copies: each file it removes was copied first (DEST013)."""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from typing import NamedTuple

from playbook.checks.destroyed import operand, operands, removals
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import Spot, at, spots
from playbook.runbooks.destructive import runs
from playbook.runbooks.shellparse import _text, _value

# The programs that keep a copy of what they are given, every operand but the last (the copy's place), as cp(1):
# hand-written, the copying side of destroyed.REMOVING.
COPYING = frozenset({"cp", "rsync"})
_BRACES = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class Kept(NamedTuple):
    """A file a shell block copies: where the copy's source is written (a loop's words: the `for` line), and it."""

    line: int
    col: int
    source: str  # as bash reads it, `${X}` written `$X`


def _plain(word) -> str:
    return _BRACES.sub(r"$\1", _value(word))


def copied(code: str, defaults: dict[str, str | None]) -> list[Kept]:
    """Each placeholder file a shell block copies with cp: a source that is a `for` loop's variable stands for the
    loop's words, and is placed at the loop's line."""
    out = []
    for node, words, argv in runs(code):
        if argv[0] not in COPYING:
            continue
        for w in operands(words[1:])[:-1]:
            loop = _loop(node, _text(w).strip('"'))
            where = loop or node
            for v in [c for c in loop.children if c.type in _WORDS] if loop else [w]:
                if operand(v, defaults):
                    out.append(Kept(where.start_point[0] + 1, where.start_point[1] + 1, _plain(v)))
    return out


_WORDS = ("word", "string", "raw_string", "concatenation", "simple_expansion", "expansion")


def _loop(node, word: str):
    """The `for` loop around `node` whose variable `word` (`$f`, `${f}`) expands, if any."""
    m = re.fullmatch(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?", word)
    up = node.parent
    while m and up is not None:
        if up.type == "for_statement" and any(
            c.type == "variable_name" and _text(c) == m.group(1) for c in up.children
        ):
            return up
        up = up.parent
    return None


def gone(code: str, defaults: dict[str, str | None]) -> list[tuple[int, int, str, str]]:
    """(line, column, program, operand) of each operand naming a placeholder that a command of a shell block removes,
    moves away or overwrites (DEST010's removing commands)."""
    return [
        (node.start_point[0] + 1, node.start_point[1] + 1, program, _plain(w))
        for node, program, operands in removals(code)
        for w in operands
        if operand(w, defaults)
    ]


@rule(
    "DEST013",
    "error",
    "a file a destructive command removes or overwrites is one its runbook copied first, where the runbook keeps "
    "copies at all",
    "A runbook that keeps copies before it destroys (the corrupt database and its side files, copied before the "
    "restore deletes them) promises that nothing it deletes is lost: the salvage and the post-mortem read the "
    'copies. A file the keeping leaves out and a later part removes (`rm "$DB_PATH-wal"` after a loop that no '
    "longer copies it) is gone for good, with the committed writes it held. Each operand of a removing command "
    "(DEST010's) that expands a placeholder is among the sources of a `cp` before it in the runbook (a loop's words "
    "where cp copies its variable).",
    "copy that file too where the runbook keeps the others (add it to the loop's words), or stop removing it",
    tools=True,
)
def destroyed_is_kept(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    defaults = {p.name: p.default for p in cat.meta.placeholders}
    kept: dict[str, list[tuple[Spot, Kept]]] = {}  # a runbook: what its blocks copied so far
    for s in spots(cat):
        if s.kind != "shell":
            continue
        mine = cat.memoized(("dest", "kept", s.code), lambda s=s: copied(s.code, defaults))
        before = kept.setdefault(s.file, [])
        lost: dict[tuple, list[str]] = {}  # (the last keeping before, the command): what it destroys, not kept
        removed = cat.memoized(("dest", "gone", s.code), lambda s=s: gone(s.code, defaults)) if s.destructive else []
        for line, col, program, word in removed:
            first = [*before, *((s, k) for k in mine if k.line < line)]
            if first and not any(_covers(k.source, word) for _, k in first):
                lost.setdefault((*first[-1], program, at(report, s, line, col, "").line), []).append(word)
        for (spot, k, program, shown), words in lost.items():
            message = f"{', '.join(words)} {'is' if len(words) == 1 else 'are'} not kept with the others here, and "
            yield at(report, spot, k.line, k.col, message + f"`{program}` (line {shown}) destroys {_it(words)}")
        before += [(s, k) for k in mine]


def _it(words: list[str]) -> str:
    return "it" if len(words) == 1 else "them"


def _covers(source: str, word: str) -> bool:
    """Whether a copied source (a glob: its matches) is the destroyed operand."""
    return source == word or any(c in source for c in "*?[") and fnmatchcase(word, source)
