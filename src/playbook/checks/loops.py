"""Checker rule on the loops of a runnable block: each `while`/`until` loop has a bound it counts to (DEST016)."""

from __future__ import annotations

import re

from tree_sitter import Node

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.runbooks.shellparse import _parser, _text, _walk

# A numeric comparison, in a test (`-lt`) or arithmetic (`<`): what bounds a counter. bash's own operators, so short.
_NUMERIC = re.compile(r"-(?:lt|le|gt|ge|eq|ne)\b|<|>")
_ARITH = ("arithmetic_expansion", "compound_statement", "postfix_expression", "unary_expression")
_ENDS = ("break", "exit", "return")


def _counters(body: Node) -> set[str]:
    """The variables a loop's body changes by arithmetic (`i=$((i + 1))`, `((i++))`, `let i+=1`)."""
    out = set()
    for n in _walk(body):
        if n.type == "variable_assignment" and (value := n.child_by_field_name("value")) is not None:
            if value.type == "arithmetic_expansion" and (name := n.child_by_field_name("name")) is not None:
                out.add(_text(name))
        elif n.type in ("postfix_expression", "unary_expression") or (
            n.type == "binary_expression" and any(_text(c) in ("+=", "-=", "=") for c in n.children)
        ):
            out |= {_text(c) for c in n.children if c.type == "variable_name"}
        elif n.type == "command" and _text(n).startswith("let "):
            out |= set(re.findall(r"[A-Za-z_]\w*", _text(n)[4:]))
    return out


def _bounds(test: Node, counters: set[str]) -> bool:
    """Whether a test compares one of the counters numerically."""
    names = {_text(n) for n in _walk(test) if n.type == "variable_name"}
    return bool(names & counters) and bool(_NUMERIC.search(_text(test)))


def _bounded(loop: Node) -> bool:
    condition, body = loop.child_by_field_name("condition"), loop.child_by_field_name("body")
    if condition is None or body is None:
        return True  # bash -n refuses it (TOOL001)
    if any(n.type == "command" and _text(n).split()[:1] == ["read"] for n in _walk(condition)):
        return True  # `while read`: ends with its input
    counters = _counters(body)
    if _bounds(condition, counters):
        return True
    for n in _walk(body):  # `if (( i >= 20 )); then break; fi`, `(( i < 20 )) || exit 1`
        if n.type in ("if_statement", "elif_clause", "list"):
            test = n.child_by_field_name("condition") if n.type != "list" else n.named_children[0]
            ends = any(c.type == "command" and _text(c).split()[:1][0] in _ENDS for c in _walk(n) if _text(c))
            if test is not None and ends and _bounds(test, counters):
                return True
    return False


def unbounded(code: str) -> list[tuple[int, int, str]]:
    """(line, column, keyword) of each `while`/`until` loop of a shell block that counts to no bound."""
    root = _parser().parse(code.encode()).root_node
    return [
        (n.start_point[0] + 1, n.start_point[1] + 1, _text(n.children[0]))
        for n in _walk(root)
        if n.type == "while_statement" and not _bounded(n)
    ]


@rule(
    "DEST016",
    "error",
    "every `while`/`until` loop of a runnable block has a bound: a counter its condition (or a `break` guard) compares",
    "A loop that ends only when the system behaves as hoped (`until [[ $code == 429 ]]`: the limiter answers) never "
    "ends when it does not, which is what an incident step is run to find out: it keeps sending what it sends, as "
    "fast as it can, while the step's text promises an end. A `while`/`until` loop is bounded when its condition "
    "reads input (`while read`), or when its condition, or the test guarding a `break`/`exit` in its body, compares "
    "numerically a counter the body changes by arithmetic.",
    "loop over a range (`for i in {1..N}`), or count the tries and stop at a bound (`until [[ $code == 429 ]] || "
    "(( i >= N )); do`)",
)
def loops_bounded(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for s in spots(cat):
        if s.kind != "shell" or not any(w in s.code for w in ("while", "until")):
            continue
        for line, col, keyword in cat.memoized(("dest", "loops", s.code), lambda s=s: unbounded(s.code)):
            message = f"this `{keyword}` loop ends only when its condition comes true, with no count or time bound: "
            yield at(report, s, line, col, message + "when the system never answers as hoped, it never stops")
