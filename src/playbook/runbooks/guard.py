"""Whether a block may run on `y`: the runner's own reading of its commands; the word typed for a destructive one."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def danger_judge(placeholders: set[str], schema: Path | None) -> Iterator[Callable[[str], list[str]]]:
    """`judge(code)`: why a shell block changes something (empty when it is proven read-only), from the same
    parse `playbook check` uses; a block the parser cannot read is judged destructive too."""
    from playbook.runbooks import blockcheck as bc
    from playbook.runbooks.destructive import dangers, parse_errors, sql_writes_with

    con = bc.sql_database(schema) if schema and schema.is_file() else sqlite3.connect(":memory:")
    writes = sql_writes_with(con, bc.sql_explain)

    def judge(code: str) -> list[str]:
        if parse_errors(code):
            return ["the runner cannot parse this shell, so it cannot prove it read-only"]
        return [f"{d.command}: {d.reason}" for d in dangers(code, placeholders, writes)]

    try:
        yield judge
    finally:
        con.close()


def confirm_word(title: str | None, step_title: str) -> str:
    """What a person types to run a destructive block: its title, else its step's, lower case, number and
    brackets left off (`4. Restore` -> `restore`)."""
    text = re.sub(r"^\d+\.\s+", "", title or step_title)
    text = re.sub(r"\s*\([^)]*\)", "", text)
    return re.sub(r"[^a-z0-9 -]+", "", text.lower()).strip() or "run"
