"""Checker rule REF025: a list of ids, names or values in the data names no item twice (a slip for another item)."""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from playbook.checks.engine import CheckContext, Reporter, rule

# Lists that record what was observed (a drill's receivers: a notification delivered twice is a finding of the drill,
# not a slip of the editor) may hold an item twice.
_OBSERVED = {"receivers"}


def _loader() -> type:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def repeats(tree: object, path: tuple = ()) -> Iterator[tuple[tuple, int, object]]:
    """(path of the list, index of the repeat, the item) of every list of plain values (ids, names, numbers) that
    holds an item a second time; a list of such lists (a table's rows) is a table, whose cells may repeat."""
    if isinstance(tree, dict):
        for k, v in tree.items():
            yield from repeats(v, (*path, k))
    elif isinstance(tree, list):
        if tree and all(isinstance(x, (str, int, float, bool)) for x in tree):
            if path and isinstance(path[-1], int):
                return  # a row of a table
            if path and path[-1] in _OBSERVED:
                return
            seen: set = set()
            for i, x in enumerate(tree):
                key = (type(x) is bool, x.strip() if isinstance(x, str) else x)
                if key in seen:
                    yield path, i, x
                seen.add(key)
            return
        for i, x in enumerate(tree):
            yield from repeats(x, (*path, i))


@rule(
    "REF025",
    "error",
    "no list of ids, names or values in the data (a route test's expect, a level's severities, a panel's metrics, "
    "a group_by, keywords) names an item twice",
    "These lists are sets: the escalation's severities, the parties a route test expects, the metrics a panel "
    "draws, the labels alerts are grouped by. An item written twice is almost always an edit that meant another "
    "item (a copied line, a swap gone half-way): the item meant is missing, and the tests, the router and the pages "
    "still pass because a set with the item twice reads as one with it once.",
    "write each item once: replace the repeat by the item meant, or delete it",
)
def listed_twice(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for rel in sorted(cat.positions):
        if not rel.endswith((".yaml", ".yml")):
            continue

        def read(rel=rel) -> object:
            try:
                return yaml.load((cat.base / rel).read_text(encoding="utf-8"), Loader=_loader())  # noqa: S506
            except (OSError, yaml.YAMLError):
                return None

        tree = cat.memoized(("raw yaml", rel), read)
        for path, i, item in repeats(tree):
            first = next(k for k, x in enumerate(_at(tree, path)) if x == item)
            line, col = cat.where(rel, (*path, i))
            message = f"the list names {item!r} twice (items {first + 1} and {i + 1}): the repeat stands for another"
            yield report.at(rel, line, col, message, field=_name((*path, i)))


def _at(tree: object, path: tuple) -> list:
    for k in path:
        tree = tree[k]  # type: ignore[index]
    return tree  # type: ignore[return-value]


def _name(path: tuple) -> str:
    out = ""
    for k in path:
        out += f"[{k}]" if isinstance(k, int) else (f".{k}" if out else str(k))
    return out
