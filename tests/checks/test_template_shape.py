"""The post-mortem template's tables fit their columns (CAT024) and its headings differ (REF026): each fault is found
at the line edited, each near miss passes, and the real data passes."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

# (rule, old, new, marker: text of the line the finding must be on) in incident.yaml
FAULTS = [
    # the timeline loses its Time column: every row still has two cells
    ("CAT024", "columns: [Time, Event]", "columns: [Event]", "columns: [Event]"),
    # the action items gain a column no row fills
    (
        "CAT024",
        "columns: [Action, Owner, Due Date, Status]",
        "columns: [Action, Owner, Due Date, Status, Notes]",
        "columns: [Action, Owner, Due Date, Status, Notes]",
    ),
    # one action item loses its owner
    (
        "CAT024",
        "[Add load testing to CI/CD, DevOps Team,",
        "[Add load testing to CI/CD,",
        "[Add load testing to CI/CD,",
    ),
    # one timeline row with a third cell
    ("CAT024", '["10:10", Investigation started]', '["10:10", Investigation started, "10:12"]', '"10:12"'),
    # a section renamed to the heading of another
    ("REF026", "- heading: Resolution", "- heading: Root Cause", '- heading: Root Cause\n      placeholder: "[What'),
    # a subsection renamed to another's, in another case
    ("REF026", "- heading: What Went Wrong", "- heading: what went well", "- heading: what went well"),
]


@pytest.mark.parametrize(("rule", "old", "new", "marker"), FAULTS)
def test_fault_found_at_the_edited_line(data_copy, rule, old, new, marker):
    edit(data_copy / "incident.yaml", old, new)
    text = (data_copy / "incident.yaml").read_text(encoding="utf-8")
    line = text[: text.index(marker)].count("\n") + 1
    found = check(load_catalog(data_copy), [rule])
    assert [(p.file, p.line) for p in found] == [("data/incident.yaml", line)], [p.format() for p in found]


NEAR_MISSES = [
    # a cell's text changed: the row still fits
    ("CAT024", '["10:10", Investigation started]', '["10:11", Investigation begun]'),
    # a column renamed: as many as before
    ("CAT024", "columns: [Time, Event]", "columns: [Time (UTC), Event]"),
    # a subsection may share a heading with a section (Lessons Learned's own parts are another list)
    ("REF026", "- heading: What Went Well", "- heading: Summary"),
]


@pytest.mark.parametrize(("rule", "old", "new"), NEAR_MISSES)
def test_near_miss_passes(data_copy, rule, old, new):
    edit(data_copy / "incident.yaml", old, new)
    assert [p.format() for p in check(load_catalog(data_copy), [rule])] == []


def test_real_data_passes(catalog):
    assert check(catalog, ["CAT024", "REF026"]) == []
