"""RUN013: the states a step says it is used in are the ones the steps that send the reader to it name."""

from __future__ import annotations

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

ROLLBACK = "procedures/rollback.yaml"


def test_the_real_steps_are_used_when_they_are_sent_to(catalog):
    assert check(catalog, ["RUN013"]) == []


def test_a_state_no_sending_step_names_is_an_error_at_it(data_copy):
    rb = data_copy / ROLLBACK
    edit(rb, "Use only when the database is corrupted.", "Use only when the database is locked or corrupted.")
    found = check(load_catalog(data_copy), ["RUN013"])
    line = line_of(rb, "is locked or corrupted")
    col = rb.read_text(encoding="utf-8").splitlines()[line - 1].index("locked") + 1
    assert [(p.file, p.line, p.col) for p in found] == [(f"data/{ROLLBACK}", line, col)]
    assert "database-down step 5" in found[0].message


def test_the_same_state_in_other_words_passes(data_copy):
    edit(data_copy / ROLLBACK, "Use only when the database is corrupted.", "Use only if the database file is corrupt.")
    assert check(load_catalog(data_copy), ["RUN013"]) == []


def test_a_step_no_runbook_links_to_is_not_judged(data_copy):
    edit(
        data_copy / "scenarios" / "database-down.yaml",
        "(../rollback.md#restore-the-database-from-backup)",
        "(../rollback.md)",
    )
    edit(data_copy / ROLLBACK, "Use only when the database is corrupted.", "Use when the database is unreachable.")
    assert check(load_catalog(data_copy), ["RUN013"]) == []
