"""RUN021: a failure the walk goes on from never sends the reader past the next step with no condition."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.skipped_steps import at_once, skipped
from playbook.data.load import load_catalog
from playbook.site.checking import check

DB = "scenarios/database-down.yaml"
GO_ON = (
    "Go on: step 2 checks the disk, step 3 the file's permissions, and a corrupt file is restored from the backup in"
    " step 5."
)


@pytest.mark.parametrize(
    ("new", "marker"),
    [
        # set 26's M27
        ("Go straight to step 5 and restore from the backup: steps 2 to 4 only matter for PostgreSQL.", "Go straight"),
        ("Skip steps 2 and 3; restore from the backup.", "Skip steps 2"),
        ("Jump ahead to step 4 and restart the database.", "Jump ahead"),
    ],
)
def test_a_skip_past_the_next_step_is_an_error_at_its_means(data_copy, catalog, new, marker):
    assert check(catalog, ["RUN021"]) == []  # the real data passes
    edit(data_copy / DB, GO_ON, new)
    found = check(load_catalog(data_copy), ["RUN021"])
    assert [(p.rule, p.file, p.line) for p in found] == [("RUN021", f"data/{DB}", line_of(data_copy / DB, marker))], [
        p.format() for p in found
    ]


@pytest.mark.parametrize(
    "text",
    [
        GO_ON,  # an overview of what comes, in order
        "Go on to step 2.",  # the next step
        "If the file is gone, go straight to step 5.",  # a branch on a condition
        "Restore from the backup (step 5) only if it is gone.",
        "Go to step 5 when the disk and the permissions are fine.",
    ],
)
def test_the_next_step_or_a_branch_on_a_condition_passes(text):
    assert skipped(text, 1, "step") is None


def test_a_text_that_sends_the_reader_at_once_to_a_later_part_is_an_error_at_its_line(data_copy, catalog):
    """Spent set 24's M26: the database runbook's restore step said to run the rollback's part 4 straight away."""
    old = "it keeps the corrupt file, checks the backup before using it"
    new = "run its part 4 (Restore) straight away: parts 1 to 3 only check things"
    edit(data_copy / DB, old, new)
    found = check(load_catalog(data_copy), ["RUN021"])
    want = [("RUN021", f"data/{DB}", line_of(data_copy / DB, "run its part 4"))]
    assert [(p.rule, p.file, p.line) for p in found] == want, [p.format() for p in found]


@pytest.mark.parametrize(
    ("text", "sent"),
    [
        ("Run its part 4 (Restore) straight away.", True),
        ("Start with step 3 immediately.", True),
        ("Go directly to part 5.", True),
        ("If the backup is known good, go straight to part 4.", False),  # a condition
        ("Run step 1 first.", False),  # the first step skips nothing
        ("Run part 4 once part 3 has passed.", False),  # no "at once"
    ],
)
def test_at_once_reads_the_jump_and_its_condition(text, sent):
    assert (at_once(text) is not None) is sent
