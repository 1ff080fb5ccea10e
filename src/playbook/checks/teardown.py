"""Checker rule on a tool's teardown: the stored data an option of it deletes is named in its changes: (DEST021)."""

from __future__ import annotations

import re

from playbook.checks.destroyed import REMOVE_VERBS
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.data.walk import blocks
from playbook.runbooks.destructive import runs

# A tool's subcommands that take down what it runs (containers, services, a stack): `down` besides the remove verbs.
TEARDOWN = REMOVE_VERBS | {"down"}
# The options of a teardown subcommand that widen it from what runs to what is stored, with what they delete: the
# container tools' (docker, podman, nerdctl and their compose: `down -v|--volumes`, `rm -v`, `system prune --volumes`)
# and the package managers' purge. Hand-written from those tools' own --help: no library sorts options by what they
# destroy. A tool's remove verb itself (`docker volume rm`) is DEST010's.
STORED = {"-v": "volumes", "--volumes": "volumes", "--purge": "configuration and data files", "--rmi": "images"}
# How a changes: text names each kind of stored data (any word of it, singular or plural)
_NAMES = {"volumes": r"volumes?", "images": r"images?", "configuration and data files": r"configuration|data\s+files?"}


def teardowns(code: str) -> list[tuple[int, int, str, str]]:
    """(line, column, the command as typed up to the option, what it deletes) of each teardown subcommand of a shell
    block given an option that deletes stored data."""
    out = []
    for node, _, argv in runs(code):
        verb = next((k for k in range(1, len(argv)) if argv[k] in TEARDOWN and not argv[k].startswith("-")), None)
        if verb is None or argv[0] in ("rm", "rmdir", "unlink"):
            continue  # the file tools' -v is --verbose: their operands are DEST010's
        for k in range(verb + 1, len(argv)):
            option = argv[k].split("=", 1)[0] if argv[k].startswith("--") else argv[k]  # `-v=6`: a verbosity level
            if option in STORED:
                out.append((node.start_point[0] + 1, node.start_point[1] + 1, " ".join(argv[: k + 1]), STORED[option]))
    return out


@rule(
    "DEST021",
    "error",
    "the stored data a tool's teardown deletes through an option (`docker compose down -v`: the volumes) is named in "
    "the block's changes:",
    "A teardown (`docker compose down`, `docker rm`) stops and removes what runs, and the data its volumes hold "
    "survives it: `up -d` brings the same database back. One option more (`-v`, `--volumes`) deletes the volumes, the "
    "database's data directory with them, and the block that reads as a restart deletes the database while its "
    'changes: and undo: still promise one ("committed data is kept"). Each teardown subcommand (down, rm, remove, '
    "delete, prune) given an option that deletes stored data (volumes, images, a package's data files) has that data "
    "named in its block's changes:.",
    "drop the option (a plain `down` keeps the volumes), or say in changes: that the volumes and the data they hold "
    "are deleted, and in undo: how they are restored",
)
def teardown_is_said(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for s, (_, _, block) in zip(spots(cat), blocks(cat), strict=True):
        if s.kind != "shell" or not s.destructive or not any(o in s.code for o in STORED):
            continue
        for line, col, command, what in cat.memoized(("dest", "teardown", s.code), lambda s=s: teardowns(s.code)):
            if re.search(rf"(?i)\b(?:{_NAMES[what]})\b", block.changes or ""):
                continue
            message = f"`{command}` deletes the {what} it stored (and the data in them), which the block's changes: "
            yield at(report, s, line, col, message + "does not name")
