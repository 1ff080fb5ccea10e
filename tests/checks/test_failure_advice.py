"""RUN020: a failure's means never tells the reader to destroy anything by hand; a warning not to, passes."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.failure_advice import destroy_advice
from playbook.data.load import load_catalog
from playbook.site.checking import check

RB = "procedures/rollback.yaml"
ESCALATE = "Escalate to the database team; do not start the app."
SALVAGE = "Write that in the post-mortem; the restored database is not affected."


@pytest.mark.parametrize(
    ("old", "new", "marker"),
    [
        # set 26's M29 and M31
        (ESCALATE, "Delete $DB_PATH.restoring and run this part again.", "Delete $DB_PATH.restoring"),
        (SALVAGE, "Delete the kept folder, it holds nothing useful, and write that in the post-mortem.", "kept folder"),
        (ESCALATE, "Overwrite $DB_PATH with the backup by hand.", "Overwrite $DB_PATH"),
        (ESCALATE, "rm the side files and retry.", "rm the side files"),
    ],
)
def test_advice_to_destroy_is_an_error_at_its_means(data_copy, catalog, old, new, marker):
    assert check(catalog, ["RUN020"]) == []  # the real data passes
    edit(data_copy / RB, old, new)
    found = check(load_catalog(data_copy), ["RUN020"])
    assert [(p.rule, p.file, p.line) for p in found] == [("RUN020", f"data/{RB}", line_of(data_copy / RB, marker))], [
        p.format() for p in found
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The file is not there: it was moved or deleted, or DB_PATH points elsewhere.",  # what happened
        "Do not delete the kept folder: the salvage reads it.",
        "Never remove $DB_PATH.restoring by hand.",
        "Nothing was removed; escalate to the database team.",
    ],
)
def test_what_happened_or_a_warning_is_no_advice(text):
    assert destroy_advice(text) is None
