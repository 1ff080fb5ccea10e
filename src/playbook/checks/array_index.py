"""Checker rule on shell arrays the system fills: read at their first or last element, or after their count (RUN011)."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.runbooks.shellparse import _argv, _parser, _text, _value, _walk

_GLOB = set("*?[")
_FILLS = ("mapfile", "readarray")  # fill an array with a command's lines: as many as it prints


def _globbed(word) -> bool:
    """Whether a word of an array's list holds a glob bash expands (outside quotes)."""
    if word.type == "concatenation":
        return any(_globbed(c) for c in word.children)
    return word.type == "word" and bool(_GLOB & set(_text(word)))


def _filled(root) -> set[str]:
    """The arrays of a block whose length the system decides: a list with a glob, mapfile's or readarray's lines."""
    out = set()
    for n in _walk(root):
        if n.type == "variable_assignment" and n.child_by_field_name("value") is not None:
            value, name = n.child_by_field_name("value"), n.child_by_field_name("name")
            if value.type == "array" and any(_globbed(w) for w in value.named_children) and name is not None:
                out.add(_text(name))
        elif n.type == "command":
            argv = [_value(w) for w in _argv(n)]
            if argv and argv[0] in _FILLS and len(argv) > 1 and not argv[-1].startswith("-"):
                out.add(argv[-1])
    return out


def fixed_indices(code: str) -> list[tuple[int, int, str, str]]:
    """(line, column, array, index) of each `${a[N]}` of a block, N neither 0 nor -1, where `a` is an array the
    system fills and the block never reads its count (`${#a[@]}`)."""
    root = _parser().parse(code.encode()).root_node
    filled, counted, reads = _filled(root), set(), []
    for n in _walk(root):
        if n.type != "expansion":
            continue
        sub = next((c for c in n.named_children if c.type == "subscript"), None)
        name = sub.child_by_field_name("name") if sub is not None else None
        index = sub.child_by_field_name("index") if sub is not None else None
        if name is None or index is None or _text(name) not in filled:
            continue
        if any(c.type == "#" for c in n.children):
            counted.add(_text(name))
        elif index.type in ("number", "unary_expression") and _text(index).replace(" ", "") not in ("0", "-1"):
            reads.append((n.start_point[0] + 1, n.start_point[1] + 1, _text(name), _text(index)))
    return [r for r in reads if r[2] not in counted]


@rule(
    "RUN011",
    "error",
    "an array a glob or a command's output fills is read at its first or last element ([0], [-1]), or after its count",
    'How many items `kept=("$DB_PATH".corrupt-*/)` holds is the file system\'s to say: the newest is `${kept[-1]}`, '
    "the oldest `${kept[0]}`, and either is there whenever any is. `${kept[1]}` is the second oldest: with one kept "
    "copy it is empty (the salvage then reads a relative path), with several it is an earlier incident's.",
    "read the element meant by its place from an end (${a[-1]}: the newest of a sorted glob, ${a[0]}: the oldest), "
    "or check ${#a[@]} first",
)
def fixed_index(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for s in spots(cat):
        if s.kind == "shell" and "[" in s.code:
            for line, col, name, index in cat.memoized(("array index", s.code), lambda s=s: fixed_indices(s.code)):
                message = f"${{{name}[{index}]}} reads item {index} of an array a glob or a command fills: it may "
                message += "hold fewer, or another item sits there"
                yield at(report, s, line, col, message)
