"""Checker rule running `date -d` on the time each block gives it, placeholders at their defaults: TOOL017."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at_node, spots
from playbook.data import files as F
from playbook.runbooks.destructive import runs

_VAR = re.compile(r"\$(?:\{(\w+)\}|(\w+))")


def date_inputs(argv: list[str]) -> list[tuple[int, str]]:
    """(index of the word, the text) of each time a `date` command is given to read: `-d TEXT`, `-dTEXT`, `-ud TEXT`,
    `--date TEXT`, `--date=TEXT`."""
    out = []
    k = 1
    while k < len(argv):
        w = argv[k]
        if w == "--":
            break
        if w.startswith("--date="):
            out.append((k, w[len("--date=") :]))
        elif w == "--date" and k + 1 < len(argv):
            out.append((k + 1, argv[k + 1]))
            k += 1
        elif re.fullmatch(r"-[a-zA-Z]+.*", w) and not w.startswith("--") and "d" in w[1:]:
            letters = w[1:]
            i = letters.index("d")
            if re.fullmatch(r"[a-zA-Z]*", letters[:i]) and "r" not in letters[:i] and "f" not in letters[:i]:
                if letters[i + 1 :]:
                    out.append((k, letters[i + 1 :]))
                elif k + 1 < len(argv):
                    out.append((k + 1, argv[k + 1]))
                    k += 1
        k += 1
    return out


def filled(text: str, values: dict[str, str]) -> str | None:
    """The text with each `$NAME` a placeholder's default; None when it reads anything else (a variable the block
    sets, a command's output)."""
    if "`" in text or "$(" in text:
        return None
    names = [a or b for a, b in _VAR.findall(text)]
    if any(n not in values for n in names) or "$" in _VAR.sub("", text):
        return None
    return _VAR.sub(lambda m: values[m.group(1) or m.group(2)], text)


@functools.cache
def date_rejects(text: str) -> str | None:
    """GNU date's complaint on `date -d TEXT` (`invalid date 'prisma/dev.db.backup'`), or None when it reads it."""
    date = shutil.which("date")
    if date is None:
        return None
    env = {**os.environ, "LC_ALL": "C", "TZ": "UTC"}
    try:
        proc = subprocess.run([date, "-d", text, "+%s"], capture_output=True, text=True, timeout=5, env=env)
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode == 0:
        return None
    said = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"
    return re.sub(r"^\S*date: ", "", said)  # without the binary's path


@rule(
    "TOOL017",
    "error",
    f"every time a block gives `date -d` is one date reads, with the placeholders at their {F.META.name} defaults",
    '`-d` parses its argument as a time; a file\'s time is `-r FILE`. `date -u -d "$DB_BACKUP"` says `invalid date '
    "'prisma/dev.db.backup'` and prints nothing, so the message that dates the data lost says `since the backup ()` "
    "and the post-mortem has no start.",
    "give -d a time (2026-01-14T09:00:00Z, '1 hour ago', @EPOCH); for a file's modification time write -r FILE",
    external=True,
)
def date_inputs_read(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    values = {p.name: p.default or "" for p in cat.meta.placeholders if not p.secret and p.default}
    for s in spots(cat):
        if s.kind != "shell" or "date" not in s.code:
            continue
        for _, words, argv in runs(s.code):
            if argv[0] != "date":
                continue
            for k, text in date_inputs(argv):
                value = filled(text, values)
                if value is None or (why := date_rejects(value)) is None:
                    continue
                w = words[k]
                said = f" ({text} at its default)" if value != text else ""
                message = f"date -d cannot read {value!r}{said} as a time: {why}"
                yield at_node(report, s, w, message)
