"""Checker rule on a glob inside quotes where the shell would expand it as a path, and now does not (TOOL027)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at_node, spots
from playbook.runbooks.shellparse import _argv, _parser, _value, _walk

# A glob's own characters: `*`, `?`, a bracket expression (`[0-9]`)
_GLOB = re.compile(r"[*?]|\[[^\]\s]+\]")
# The programs whose arguments are paths (each word after the program, options aside): a glob there names files
PATH_TAKERS = frozenset(
    {"ls", "cat", "cp", "mv", "rm", "du", "stat", "wc", "cd", "tar", "gzip", "gunzip", "chmod", "chown", "file",
     "touch", "mkdir", "rmdir", "ln", "diff", "realpath", "readlink", "tail", "head", "less", "shred", "zcat"}
)  # fmt: skip


def _quoted_glob(word: Node) -> Node | None:
    """The quoted part of a word (a string, a raw string, in a concatenation too) holding a glob character, or None."""
    parts = word.children if word.type == "concatenation" else [word]
    for part in parts:
        if part.type == "raw_string" and _GLOB.search(part.text.decode()[1:-1]):
            return part
        if part.type == "string" and any(
            c.type == "string_content" and _GLOB.search(c.text.decode()) for c in part.children
        ):
            return part
    return None


def quoted_globs(code: str) -> Iterator[tuple[Node, str]]:
    """(quoted part, where it stands) of each glob written inside quotes in a list of paths: an array's element, a
    `for` loop's word, an argument of a program that takes paths."""
    for node in _walk(_parser().parse(code.encode()).root_node):
        if node.type == "array":
            words, where = node.named_children, "an array's element"
        elif node.type == "for_statement":
            words = [c for c in node.named_children if c.type not in ("variable_name", "do_group", "comment")]
            where = "a for loop's word"
        elif node.type == "command":
            nodes = _argv(node)
            program = _value(nodes[0]).rsplit("/", 1)[-1] if nodes else ""
            if program not in PATH_TAKERS:
                continue
            words, where = [w for w in nodes[1:] if not _value(w).startswith("-")], f"an argument of {program}"
        else:
            continue
        for w in words:
            if (part := _quoted_glob(w)) is not None:
                yield part, where


@rule(
    "TOOL027",
    "error",
    'a glob meant to name files stands outside quotes (`"$DB_PATH".corrupt-*/`, not `"$DB_PATH.corrupt-*/"`)',
    "Inside quotes `*`, `?` and `[…]` are characters, not a pattern: an array's element, a `for` loop's word or a path "
    "given to ls, cp, rm or cat holds the literal name `prisma/dev.db.corrupt-*/`, a file that does not exist. The "
    "step then reads nothing, reports that nothing could be found, or (a loop) runs once on a name that is no file, "
    "while the files it was meant to find are there.",
    'close the quotes before the glob: "$DB_PATH".corrupt-*/ (the variable quoted, the pattern not)',
)
def globs_in_quotes(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for s in spots(cat):
        if s.kind != "shell":
            continue
        for part, where in cat.memoized(("quoted globs", s.code), lambda s=s: list(quoted_globs(s.code))):
            text = part.text.decode()
            message = f"{text} is {where} and the glob inside its quotes is never expanded: it names no file"
            yield at_node(report, s, part, message)
