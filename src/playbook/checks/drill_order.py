"""Checker rule CAT025: a drill walks its runbooks in order, each step's block once (the scenario's, then `follow`)."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule


def out_of_order(keys: list[tuple | None]) -> list[int]:
    """The indexes of `keys` (None: not placed, left alone) that break their strictly increasing order: of a pair
    out of order, the one whose removal restores the order around it (both when either does)."""
    placed = [(i, k) for i, k in enumerate(keys) if k is not None]
    bad: set[int] = set()
    for n in range(1, len(placed)):
        (i, a), (j, b) = placed[n - 1], placed[n]
        if a < b:
            continue
        before = placed[n - 2][1] if n >= 2 else None
        after = placed[n + 1][1] if n + 1 < len(placed) else None
        drop_first = before is None or before < b  # without a, its neighbours are in order
        drop_second = after is None or a < after
        if drop_first:
            bad.add(i)
        if drop_second or not drop_first:
            bad.add(j)
    return sorted(bad)


@rule(
    "CAT025",
    "error",
    "a drill's steps (and each variant's) walk the runbooks in the order the responder does: the scenario's steps, "
    "then each runbook of `follow` in its order, by increasing step and block, no block twice, no other runbook",
    "The drill stands in for the responder walking the runbook: it runs the blocks in the order its steps list them, "
    "and the drill results and time to diagnosis are read in that order. A step number edited to an earlier or the "
    "same step (disable-ai step 2 where step 1 was) runs a check before the action it checks, or one block twice, "
    "and leaves the step meant undrilled: the drill still passes, and proves another runbook.",
    "number the step (and block) the drill meant, or move the entry to its place in the runbook's order",
)
def drill_in_runbook_order(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for sid, sc in cat.scenarios.items():
        if sc.drill is None:
            continue
        lists = [(("drill", "steps"), sc.drill.steps, sc.drill.follow)]
        for v, var in enumerate(sc.drill.variants):
            follow = var.follow if var.follow is not None else sc.drill.follow
            lists.append((("drill", "variants", v, "steps"), var.steps, follow))
        for path, steps, follow in lists:
            order = [sid, *follow]
            keys = [
                (order.index(s.runbook or sid), s.step, s.block) if (s.runbook or sid) in order else None for s in steps
            ]
            for i, s in enumerate(steps):
                if keys[i] is None:
                    message = (
                        f"drill entry {i + 1} runs {s.runbook}, which is neither the scenario nor in follow {follow}"
                    )
                    hint = "name the runbook the drill follows there, or add it to follow: in its place"
                    yield report(cat.source[sid], (*path, i, "runbook"), message, hint)
            for i in out_of_order(keys):
                s = steps[i]
                where = f"{s.runbook or sid} step {s.step}" + (f" block {s.block}" if s.block != 1 else "")
                message = f"drill entry {i + 1} ({where}) is out of the runbooks' order: {_around(steps, i, sid)}"
                yield report(cat.source[sid], (*path, i, "step"), message)


def _around(steps: list, i: int, sid: str) -> str:
    def name(s) -> str:
        return f"{s.runbook or sid} {s.step}.{s.block}"

    parts = [name(steps[k]) for k in range(max(0, i - 1), min(len(steps), i + 2))]
    return " then ".join(parts)
