"""Whether a block may run on `y`: the runner's own reading of its commands; the word typed for a destructive one."""

from __future__ import annotations

import re


def judge(code: str) -> list[str]:
    """Why a shell block is not proven read-only (empty when it is), from the same parse and allow-list
    `playbook check` uses (DEST001); a block the parser cannot read is not proven read-only either."""
    from playbook.runbooks.destructive import unproven
    from playbook.runbooks.shellparse import parse_errors

    if parse_errors(code):
        return ["the runner cannot parse this shell, so it cannot prove it read-only"]
    return [f"{d.command}: {d.reason}" for d in unproven(code)]


def confirm_word(title: str | None, step_title: str) -> str:
    """What a person types to run a destructive block: its title, else its step's, lower case, number and
    brackets left off (`4. Restore` -> `restore`)."""
    text = re.sub(r"^\d+\.\s+", "", title or step_title)
    text = re.sub(r"\s*\([^)]*\)", "", text)
    return re.sub(r"[^a-z0-9 -]+", "", text.lower()).strip() or "run"
