"""Checker rules on a pipeline's numeric sort of uniq's lines: with their counts (TOOL029), largest first (TOOL033)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.pipe_outputs import _program, _stage
from playbook.checks.tools import at_node, spots
from playbook.runbooks.shellparse import _parser, _walk

_NUMERIC_LONG = ("--numeric-sort", "--general-numeric-sort", "--human-numeric-sort", "--sort=n", "--sort=g", "--sort=h")
_KEY_NUMERIC = re.compile(r"^\d+(?:\.\d+)?[a-zA-Z]*(?:,\d+(?:\.\d+)?)?[a-zA-Z]*$")


def numeric(args: list[str]) -> bool:
    """Whether sort's arguments order by a number: -n, -g, -h (alone, in a cluster, or on a key: -k1,1n)."""
    k = 0
    while k < len(args):
        a = args[k]
        if a.startswith(_NUMERIC_LONG):
            return True
        if a in ("-k", "-t", "-o", "-S", "-T", "--key") and k + 1 < len(args):
            if a in ("-k", "--key") and _KEY_NUMERIC.match(args[k + 1]) and set(args[k + 1]) & set("ngh"):
                return True
            k += 2
            continue
        if a.startswith("-k") and set(a[2:]) & set("ngh"):
            return True
        if a.startswith("-") and not a.startswith("--") and set(a[1:].split("k")[0]) & set("ngh"):
            return True
        k += 1
    return False


def _counts(args: list[str]) -> bool:
    """Whether uniq's arguments make it prefix each line with its count (-c, --count, in a cluster or not)."""
    return any(a == "--count" or (a[:1] == "-" and a[1:2] != "-" and "c" in a[1:]) for a in args)


def _uniq_then_sort(code: str) -> Iterator[tuple[Node, list[str], Node, list[str], set]]:
    """(uniq's stage, its arguments, the sort's stage, its arguments, the programs after the sort) of each uniq that
    a sort reads next in a pipeline of `code`."""
    for node in _walk(_parser().parse(code.encode()).root_node):
        if node.type != "pipeline":
            continue
        stages = [_stage(c) for c in node.named_children]
        programs = [_program(s) if s.type == "command" else (None, []) for s in stages]
        for k in range(1, len(stages)):
            (prog, args), (sorter, sort_args) = programs[k - 1], programs[k]
            if prog == "uniq" and sorter == "sort":
                yield stages[k - 1], args, stages[k], sort_args, {p for p, _ in programs[k + 1 :]}


def countless_sorts(code: str) -> Iterator[tuple[Node, str]]:
    """(the uniq stage, its options) of each uniq without -c that a numeric sort reads next in a pipeline: uniq
    prints the lines themselves (-d the repeated ones, -u the single ones), so no count leads them."""
    for uniq, args, _, sort_args, _ in _uniq_then_sort(code):
        if not _counts(args) and numeric(sort_args):
            yield uniq, " ".join(a for a in args if a.startswith("-"))


@rule(
    "TOOL029",
    "error",
    "a numeric sort (`sort -rn`) after uniq reads uniq's counts: uniq -c, not uniq alone or uniq -d / -u",
    "`… | sort | uniq -c | sort -rn` ranks each value by how often it occurs; without -c (uniq -d prints each "
    "repeated line once, -u the lines seen once) no number leads the lines, sort -n orders addresses or names as 0, "
    "and the top of the list is no longer the value that occurs most: the step reads its attackers or its hottest "
    "endpoint from a list with no counts.",
    "count the lines: `… | sort | uniq -c | sort -rn`",
    tools=True,
)
def counted_sorts(ctx: CheckContext, report: Reporter):
    for s in spots(ctx.catalog):
        if s.kind != "shell" or "uniq" not in s.code:
            continue
        for node, opts in countless_sorts(s.code):
            said = f"uniq {opts}".strip()
            message = f"{said} prints no count, yet the sort after it orders its lines by number"
            yield at_node(report, s, node, message)


def _reversed(args: list[str]) -> bool:
    """Whether sort's arguments reverse its order: -r, --reverse, in a cluster (-rn) or on a key (-k1,1nr)."""
    for k, a in enumerate(args):
        if a == "--reverse":
            return True
        key = ""
        if a in ("-k", "--key") and k + 1 < len(args):
            key = args[k + 1]
        elif a[:1] == "-" and a[1:2] != "-":
            flags, _, key = a[1:].partition("k")
            if "r" in flags:
                return True
        if re.search(r"\d[a-zA-Z]*r", key):
            return True
    return False


def fewest_first(code: str) -> Iterator[Node]:
    """The sort stage of each pipeline that orders uniq -c's counts by number, smallest first, with no tail after it
    to take the largest: the value that occurs most is the list's last line."""
    for _, args, sort, sort_args, after in _uniq_then_sort(code):
        if _counts(args) and numeric(sort_args) and not _reversed(sort_args) and "tail" not in after:
            yield sort


@rule(
    "TOOL033",
    "error",
    "counts of uniq -c sorted by number go largest first (`sort -rn`), or an ascending sort ends in tail",
    "A step reads the top of a count list (the IP with the most failed sign-ins, the endpoint with the most errors): "
    "`sort -n` puts the largest count last, below a screen of one-off values, and the responder blocks or chases the "
    "first line, the value seen least.",
    "sort the counts largest first: `… | uniq -c | sort -rn` (then `head` for the top few)",
    tools=True,
)
def counts_largest_first(ctx: CheckContext, report: Reporter):
    for s in spots(ctx.catalog):
        if s.kind != "shell" or "uniq" not in s.code:
            continue
        for node in fewest_first(s.code):
            yield at_node(report, s, node, "the counts are sorted smallest first: the value seen most is the last line")
