"""Checker rule DEST038: destructive blocks that run the same commands say the same of what they change and its undo."""

from __future__ import annotations

import os
import re
from collections import Counter

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.walk import blocks

_COMMENT = re.compile(r"^\s*#.*$", re.M)


def commands(code: str) -> str:
    """A block's commands, its comments and blank lines left out ("# Rollback if needed" or "# Promote the previous
    production deployment" above the same `vercel rollback --yes` run the same thing)."""
    return "\n".join(line.strip() for line in _COMMENT.sub("", code).splitlines() if line.strip())


def _part(text: str | None, at: int) -> str:
    """The words of `text` from offset `at`, up to 50 characters ("nothing" for no text)."""
    if not text:
        return "nothing"
    part = text[at : at + 50]
    return part + ("…" if len(text) > at + 50 else "")


@rule(
    "DEST038",
    "error",
    "destructive blocks that run the same commands say the same `changes:` and `undo:`",
    "What a destructive command changes is a fact of the command, not of the page it is on: the reader approves it "
    "from that text. `vercel rollback` in the write-failure runbook and in Rollback Strategy is the same switch of "
    "deployments; when one block says the data written meanwhile stays and the other that it is rolled back too, a "
    "responder refuses the rollback that would help, or runs one believing it undoes bad writes.",
    "make the texts the same (the one that is right about the command), or change what the block runs",
)
def same_commands_same_words(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    groups: dict[str, list] = {}
    for file, path, b in blocks(cat):
        if getattr(b, "destructive", False) and (said := commands(b.code)):
            groups.setdefault(said, []).append((file, path, b))
    for said, group in groups.items():
        if len(group) < 2:
            continue
        for field in ("changes", "undo"):
            texts = Counter(getattr(b, field, None) for _, _, b in group)
            if len(texts) < 2:
                continue
            most, count = texts.most_common(1)[0]
            agreed = most if count > len(group) / 2 else None  # a majority is right; of two, either may be edited
            for file, path, b in group:
                mine = getattr(b, field, None)
                if mine == agreed:
                    continue
                other_file, other_path, other = next((f, p, x) for f, p, x in group if getattr(x, field, None) != mine)
                line = cat.where(other_file, (*other_path, field))[0]
                theirs = getattr(other, field, None) or ""
                k = len(os.path.commonprefix([mine or "", theirs]))
                k = (mine or "").rfind(" ", 0, k) + 1  # from the word where they part
                message = f"this block runs `{said.splitlines()[0]}` as {other_file}:{line} does, but its {field}: "
                message += f"says otherwise ({_part(mine, k)!r} against {_part(theirs, k)!r})"
                yield report(file, (*path, field) if mine else path, message)
