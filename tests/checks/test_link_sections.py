"""REF032: a link to a section names a word of that section's heading in its text."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.link_texts import shares_heading
from playbook.data.load import load_catalog
from playbook.site.checking import check

WO = "scenarios/write-operations-failing.yaml"
LINK = "(../rollback.md#roll-back-the-deployment)"


def test_a_link_to_another_section_than_its_text_names_is_an_error_at_its_line(data_copy, catalog):
    assert check(catalog, ["REF032"]) == []  # the real data passes
    edit(data_copy / WO, LINK, "(../rollback.md#restore-the-database-from-backup)")  # set 26's M35
    found = check(load_catalog(data_copy), ["REF032"])
    want = [("REF032", f"data/{WO}", line_of(data_copy / WO, "#restore-the-database-from-backup"))]
    assert [(p.rule, p.file, p.line) for p in found] == want, [p.format() for p in found]


@pytest.mark.parametrize(
    ("label", "anchor", "shares"),
    [
        ("Rollback Strategy", "roll-back-the-deployment", True),  # two heading words written as one
        ("Rollback Strategy: Restore the database from backup", "restore-the-database-from-backup", True),
        ("Re-enable AI", "re-enable-ai", True),
        ("Scenarios", "scenarios-by-symptom", True),
        ("step 5", "5-if-database-is-corrupted-restore-from-backup", True),  # a number
        ("Rollback Strategy", "restore-the-database-from-backup", False),
        ("Re-enable AI", "disable-ai-2-minutes", False),
    ],
)
def test_a_link_names_its_section_by_a_word_of_its_heading(label, anchor, shares):
    assert shares_heading(label, anchor) is shares
