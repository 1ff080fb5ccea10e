"""DEST038: destructive blocks that run the same commands say the same changes: and undo:; a text changed in one is an
error at both blocks (either may be the one edited); comments, a block that is not destructive, and the same texts
pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from fault_tests import errors
from playbook.checks.same_commands import commands

WRITES = "scenarios/write-operations-failing.yaml"
ROLLBACK = "procedures/rollback.yaml"
STAYS = "every change deployed since then is withdrawn (the data written meanwhile stays)."
UNDO = "Promote the newer deployment again: `vercel promote` with its URL"

# (file edited, old, new, the text of the other block's field: the line it must be reported at too)
FAULTS = [
    # set 24's M36: one block says the rollback takes the data written meanwhile with it
    (WRITES, STAYS, "every change deployed since then is withdrawn, and the data written meanwhile with it.", STAYS),
    (ROLLBACK, UNDO, "Nothing to promote: redeploy the commit by hand", UNDO),
]


@pytest.mark.parametrize(("file", "old", "new", "theirs"), FAULTS, ids=[f[0] for f in FAULTS])
def test_one_of_two_blocks_running_a_command_said_otherwise_is_an_error_at_both(data_copy, file, old, new, theirs):
    edit(data_copy / file, old, new)
    found = errors(data_copy, ["DEST038"])
    other = WRITES if file == ROLLBACK else ROLLBACK
    want = {(f"data/{file}", line_of(data_copy / file, new)), (f"data/{other}", line_of(data_copy / other, theirs))}
    assert {(p.file, p.line) for p in found} == want, [p.format() for p in found]
    assert all("vercel rollback --yes" in p.message for p in found)


NEAR_MISSES = [
    # another comment above the same command
    (WRITES, "# Rollback if needed", "# Go back one deployment"),
    # the same command in a block that is not destructive is DEST001's, not this rule's
    (
        WRITES,
        "        code: |-\n          # Check recent code changes\n          git log --oneline -10\n",
        "        code: |-\n          # Check recent code changes\n          git log --oneline -20\n",
    ),
]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES, ids=[n[2][:30] for n in NEAR_MISSES])
def test_comments_and_the_same_texts_pass(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert errors(data_copy, ["DEST038"]) == []


def test_the_real_data_passes(data_copy):
    assert errors(data_copy, ["DEST038"]) == []


def test_commands_are_a_blocks_lines_without_comments():
    assert commands("# Rollback if needed\n\n  vercel rollback --yes  \n# done\n") == "vercel rollback --yes"
