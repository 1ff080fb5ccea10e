"""Checker rule on a runbook step written twice under one title: a merge that kept both sides (FILE022)."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule


def spans(lines: list[str], starts: list[tuple[int, int]]) -> list[list[str]]:
    """The lines of each list item whose first key is at (line, column) in `starts`, stripped: up to the next
    item's, and for the last item up to the first line that is not indented under it."""
    out = []
    for k, (line, col) in enumerate(starts):
        if k + 1 < len(starts):
            end = starts[k + 1][0] - 1
        else:
            end = line
            while end < len(lines) and (
                not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) >= col - 1
            ):
                end += 1
        out.append([t.strip() for t in lines[line - 1 : end]])
    while out and out[-1] and not out[-1][-1]:
        out[-1].pop()  # blank lines after the last item are no part of it
    return out


def first_difference(a: list[str], b: list[str]) -> int:
    """The index of the first line of `a` that `b` does not have at that place (len(a) - 1 when `a` is all in `b`)."""
    for k, text in enumerate(a):
        if k >= len(b) or text != b[k]:
            return k
    return len(a) - 1


@rule(
    "FILE022",
    "error",
    "no two steps of a runbook have the same title (a merge that kept both sides of a conflict)",
    "A conflict resolved by keeping both sides leaves a step twice: the older copy first, with what the newer one "
    "replaced (a command that fails under pipefail), and every later step moves down one, so the step numbers the "
    "search answers, the drills and the other runbooks cite name the wrong steps. The file still loads.",
    "keep one copy of the step (the newer one), and delete the other",
)
def steps_twice(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, rb in cat.runbook_files():
        titles = [s.title for s in rb.steps]
        twice = [(i, titles.index(t)) for i, t in enumerate(titles) if titles.index(t) != i]
        if not twice:
            continue
        lines = report.lines(file)
        items = spans(lines, [cat.where(file, ("steps", i)) for i in range(len(rb.steps))])
        for later, first in twice:
            start, col = cat.where(file, ("steps", first))
            k = first_difference(items[first], items[later])
            if items[first] == items[later]:
                start, col, k = *cat.where(file, ("steps", later)), 0
                how = "the same step written again"
            else:
                how = "the two copies differ first at this line"
            line = start + k
            col = len(lines[line - 1]) - len(lines[line - 1].lstrip()) + 1 if k else col
            message = f"steps {first + 1} and {later + 1} are both titled {titles[first]!r}: {how}"
            yield report.at(file, line, col, message, field=f"steps[{first}]")
