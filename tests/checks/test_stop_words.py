"""RUN019: a failure that stops the walk never tells the reader to go on; a negated go-on is a stop, and passes."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.checks.stop_words import go_on
from playbook.data.load import load_catalog
from playbook.site.checking import check

RB = "procedures/rollback.yaml"
KEPT = "Do not restore before it is kept (the salvage and the post-mortem need it): read the message, fix it, retry."


@pytest.mark.parametrize(
    ("new", "marker"),
    [
        # set 25's M28: the part that keeps the corrupt copy said to be skippable
        ("If it cannot be kept (a full disk), go on with part 3: the salvage is optional.", "go on with part 3"),
        ("Proceed to part 3 and keep it later.", "Proceed to part 3"),
        ("Restore anyway; the salvage can wait.", "Restore anyway"),
    ],
)
def test_a_stop_that_says_go_on_is_an_error_at_its_means(data_copy, catalog, new, marker):
    assert check(catalog, ["RUN019"]) == []  # the real data passes
    edit(data_copy / RB, KEPT, new)
    found = check(load_catalog(data_copy), ["RUN019"])
    lines = [n for n, line in enumerate((data_copy / RB).read_text(encoding="utf-8").splitlines(), 1) if marker in line]
    assert [(p.rule, p.file, p.line) for p in found] == [("RUN019", f"data/{RB}", lines[0])], [
        p.format() for p in found
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Do not go on: fix it, retry.",
        "Never continue with part 4 before the backup passes.",
        "Stop the app first, then retry this part.",
        "Do not restore before it is kept.",
        "Clinicians carry on working while the app serves reads.",  # said of someone else, not a go-on
    ],
)
def test_a_stop_said_as_a_stop_passes(text):
    assert go_on(text) is None
