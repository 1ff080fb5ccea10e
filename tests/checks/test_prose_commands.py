"""DEST034: a command quoted in prose (a code span, or typed bare after "run") that the parse does not prove read-only
is an error at its line; read-only commands, names and paths in code spans, a block's own changes/undo, and the
decisions' quotes of the seed pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.prose_commands import quoted_commands
from playbook.data.load import load_catalog
from playbook.site.checking import check

DB = "scenarios/database-down.yaml"
DISK = "text: If disk is full → Free up space."
PERMS = "text: Should be readable/writable."

FAULTS = [
    # a write to the database file quoted in a step's text
    (DB, DISK, 'text: "If disk is full → free up space with `rm -f \\"$DB_PATH\\"-wal`."', "rm -f"),
    # a production deploy quoted as a way out
    (DB, PERMS, 'text: "Should be readable/writable; if not, `vercel deploy --prod` resets them."', "vercel deploy"),
    # a recursive ownership change typed bare after "run" (set 20 M34's kind, another command)
    (DB, PERMS, 'text: "Should be readable/writable; if not, run sudo chmod -R 777 prisma."', "chmod -R 777"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS, ids=[f[3] for f in FAULTS])
def test_a_changing_command_in_prose_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["DEST034"])
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker))], [
        p.format() for p in found
    ]


NEAR_MISSES = [
    # a read-only command quoted in prose
    (DB, PERMS, 'text: "Should be readable/writable: `ls -la \\"$DB_PATH\\"` shows the mode."'),
    # a path, a variable and a flag's name in code spans are no commands
    (DB, PERMS, 'text: "Should be readable/writable (`prisma/dev.db`, `$DB_PATH`, `FEATURE_AI_ENABLED`)."'),
    # "run" followed by English, not a program
    (DB, DISK, "text: If disk is full → run the cleanup with the database team."),
]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["DEST034"])] == []


def test_the_real_data_passes(catalog):
    """The real data quotes `vercel promote` only in undo: fields and the seed's commands only in decisions.yaml."""
    assert check(catalog, ["DEST034"]) == []


def test_quoted_commands_reads_spans_and_bare_commands():
    known = frozenset({"vercel"})
    assert [s for s, _ in quoted_commands("then `vercel rollback --yes` again", known)] == ["vercel rollback --yes"]
    assert [s for s, _ in quoted_commands("if not, run sudo rm -rf /tmp/x on the host", known)] == [
        "sudo rm -rf /tmp/x on the host"
    ]
    assert quoted_commands("`vercel ls` lists them; `curl -s https://x.example/health`", known) == []
