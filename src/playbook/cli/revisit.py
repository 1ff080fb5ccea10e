"""`playbook revisit D-…`: record again the values a seed decision fixes, after the decision has been reread.

The only writer of a decision's `fingerprint:` (rule DEC002 compares it with the data at every check; `generate`
never writes it, or changing a decided value would need no thought at all). It edits decisions.yaml in place,
one line per decision, so the file's comments and layout stay as written.
"""

from __future__ import annotations

from playbook.cli.arguments import command, ids_option, reported
from playbook.cli.session import Session
from playbook.data import files as F
from playbook.data.decided import lock


def fingerprint_lines(cat, ids: list[str]) -> tuple[list[str], list[str]]:
    """decisions.yaml's lines with the fingerprint of each decision of `ids` written as the data gives it now
    (added after the decision's last line when it has none, removed when it fixes nothing); and what was done."""
    path = cat.project.data / F.DECISIONS.name
    lines = path.read_text(encoding="utf-8").split("\n")
    found, rel, done = lock(cat), cat.file(F.DECISIONS), []
    decisions = cat.decisions.decisions
    edits: list[tuple[int, int, str | None]] = []  # (line index, lines it replaces: 0 or 1, new line or None)
    for i, d in enumerate(decisions):
        if d.id not in ids:
            continue
        values = found.values.get(d.id, [])
        indent = " " * (cat.where(rel, ("decisions", i, "id"))[1] - 1)
        new = f'{indent}fingerprint: "{found.fingerprint(d.id)}"' if values else None
        if d.fingerprint is not None:
            edits.append((cat.where(rel, ("decisions", i, "fingerprint"))[0] - 1, 1, new))
        elif new is not None:
            after = cat.where(rel, ("decisions", i + 1))[0] - 1 if i + 1 < len(decisions) else len(lines)
            edits.append((_end(lines, after), 0, new))
        done.append(
            f"{d.id}: {len(values)} value(s) recorded. It reads now: {d.decision}"
            if values
            else f"{d.id}: fixes nothing"
        )
    for at, width, new in sorted(edits, reverse=True):
        lines[at : at + width] = [new] if new is not None else []
    return lines, done


def _end(lines: list[str], before: int) -> int:
    """Where a line goes at the end of the item that ends before line index `before` (past blanks and comments)."""
    at = before
    while at > 0 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#")):
        at -= 1
    return at


def cmd_revisit(args) -> int:
    cat = args.session.catalog()
    ids = list(dict.fromkeys(args.decision))
    lines, done = fingerprint_lines(cat, ids)
    path = cat.project.data / F.DECISIONS.name
    path.write_text("\n".join(lines), encoding="utf-8")
    for line in done:
        print(f"{cat.file(F.DECISIONS)}: {line}")
    print("Reread each, rewrite it where the values changed what was decided, and commit it with the values.")
    return 0


def register(sub, session: Session) -> None:
    p = command(
        sub,
        "revisit",
        "record again the values a seed decision fixes (its fingerprint), once the decision has been reread",
        [
            "playbook revisit D-ai-down   # after changing SEV-2's AI error rate on purpose",
            "playbook revisit D-sev1-cadence D-sev3-cadence",
        ],
    )

    def decisions() -> list[str]:
        return [d.id for d in session.catalog().decisions.decisions]

    ids_option(
        p, "decision", ids=decisions, what="a decision", source=F.DECISIONS.name, guess=True, nargs="+",
        metavar="DECISION", help="the decisions to revisit",
    )  # fmt: skip
    p.set_defaults(func=reported("revisit", cmd_revisit))
