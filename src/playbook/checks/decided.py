"""Checker rule on the values the seed decisions fixed: each stays as recorded until its decision is revisited."""

from __future__ import annotations

from difflib import SequenceMatcher

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.decided import Fixed, lock

REVISIT = "playbook revisit"  # the one command that records a decision's values again (cli/revisit.py)


@rule(
    "DEC002",
    "error",
    "a value a decision fixed is the value it recorded, until the decision is revisited",
    "A decision settled a contradiction of the seed on values (SEV-2's AI error rate, SEV-1's update cadence, the "
    "health paths, the refused response). Each item that cites it (`decision: D-…`) has the fields its `fixes:` "
    "names fixed, and the decision keeps a fingerprint of them. Changed silently, the data would contradict the "
    "decision it cites, and the decision's text, which quotes the data, would state the new value as decided. "
    f"Only `{REVISIT} D-…` records the values again; `playbook generate` never does.",
    "put the value back (git diff shows it), or revisit the decision: reread its text in decisions.yaml, rewrite "
    f"it if the new value changes what was decided, then run `{REVISIT} D-…` and commit both",
)
def decided_values(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    found = lock(cat)
    misspelt = {did for did, _ in found.meant}
    for file, path, did in found.idle:
        if did in misspelt:
            continue  # its fixes: misspells a field of this item: said at that name, in decisions.yaml
        yield report(file, (*path, "decision"), f"cites {did}, whose fixes: names none of this item's fields")
    for i, d in enumerate(cat.decisions.decisions):
        at = ("decisions", i)
        for j, name in enumerate(d.fixes):
            if name in found.unknown.get(d.id, ()):
                meant = found.meant.get((d.id, name))
                hint = f"did you mean {meant}? " if meant else ""
                message = f"{d.id}: no item citing it has a field {name!r}"
                yield report(F.DECISIONS, (*at, "fixes", j), message, hint + "name a field of the items citing it")
        values = found.values.get(d.id, [])
        if not values:
            if (d.fixes or d.fingerprint) and d.id not in misspelt:
                yield report(F.DECISIONS, (*at, "id"), f"{d.id} fixes nothing: no item cites it (decision: {d.id})")
            continue
        if d.fingerprint is None:
            message = f"{d.id} fixes {len(values)} value(s) that are not recorded"
            yield report(F.DECISIONS, (*at, "fixes"), message, f"run: {REVISIT} {d.id}")
            continue
        missed = found.missed.get(d.id, 0)  # values not found for a misspelt name: said at the name
        yield from _compare(report, d.id, d.fingerprint.split(), values, (*at, "fingerprint"), missed)


def _compare(report: Reporter, did: str, recorded: list[str], values: list[Fixed], fingerprint: tuple, missed: int = 0):
    """A finding at each value whose hash is not the recorded one in its place, and one at the fingerprint for the
    recorded values the data no longer has (the two lists aligned as a diff aligns lines)."""
    file = report.cat.file(F.DECISIONS)
    where = f"{file}:{report.cat.where(file, fingerprint)[0]}"
    tags = [v.tag for v in values]
    gone = 0
    for op, i1, i2, j1, j2 in SequenceMatcher(None, recorded, tags, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        gone += max(0, (i2 - i1) - (j2 - j1))
        for v in values[j1:j2]:
            shown = "null" if v.value is None else repr(v.value)
            message = f"{shown} is not the value decision {did} fixed (its fingerprint: {where})"
            yield report(v.file, v.path, message)
    if gone > missed:
        message = f"{did}: {gone} value(s) it fixed are no longer in the data (an item or its decision: removed)"
        yield report(F.DECISIONS, fingerprint, message)
