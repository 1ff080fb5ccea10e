"""The parse of a shell block (tree-sitter-bash) as the rules read it: its nodes, and its words as bash reads them."""

from __future__ import annotations

import functools
from collections.abc import Iterator

import tree_sitter_bash
from tree_sitter import Language, Node, Parser


@functools.cache
def _parser() -> Parser:
    return Parser(Language(tree_sitter_bash.language()))


def parse_errors(code: str) -> list[tuple[int, int]]:
    """(line, column) of every spot tree-sitter-bash could not parse (empty when the whole block parses)."""
    root = _parser().parse(code.encode()).root_node
    return [(n.start_point[0] + 1, n.start_point[1] + 1) for n in _walk(root) if n.is_error or n.is_missing]


def _walk(node: Node) -> Iterator[Node]:
    yield node
    for c in node.children:
        yield from _walk(c)


def _text(node: Node) -> str:
    return node.text.decode("utf-8", "replace")


def _value(node: Node) -> str:
    """A word as bash reads it, quotes removed ($NAME expansions kept as written)."""
    if node.type == "raw_string":
        return _text(node)[1:-1]
    if node.type == "string":
        inner = _text(node)[1:-1]
        for ch in '\\"$`':
            inner = inner.replace("\\" + ch, ch)
        return inner
    if node.type == "concatenation":
        return "".join(_value(c) for c in node.children)
    return _text(node)


def _argv(node: Node) -> list[Node]:
    skip = ("variable_assignment", "file_redirect", "herestring_redirect")
    words = [c for c in node.children if c.type not in skip and c.is_named]
    if words and words[0].type == "command_name":
        words = [words[0].named_children[0] if words[0].named_children else words[0], *words[1:]]
    return words
