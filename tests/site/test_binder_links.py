"""Heading ids are the ones the toc extension writes (repeats, explicit ids, code left out); binder links use them."""

from __future__ import annotations

import re

import markdown as md

from playbook.markdown import Md
from playbook.runbooks.headings import heading_ids
from playbook.site.binder_links import link_inside

PAGE = """## Runbook

### Symptoms

```bash
# Symptoms (a comment, not a heading)
```

## Runbook

### Symptoms { #own-id }

## Runbook_1

## Café & co
"""


def test_heading_ids_equal_the_toc_extensions():
    html = md.markdown(PAGE, extensions=["toc", "attr_list", "fenced_code"])
    assert [hid for _, hid in heading_ids(PAGE, set())] == re.findall(r'<h\d id="([^"]+)"', html)


def test_links_to_printed_pages_point_inside():
    parts = [
        ("Rollback", Md("## Rollback\n\n### Restore the database\n"), ("rollback.md",)),
        ("Scenario", Md("## Scenario\n\nSee [it](rollback.md#restore-the-database), [all](rollback.md), "
         "[sev](severities.md#sev-1) and [other](matrix.md).\n"), ("scenarios/x.md",)),
    ]  # fmt: skip
    (_, _), (_, text) = link_inside(parts, {"severities.md": "Rollback"})
    assert "[it](#restore-the-database)" in text and "[all](#rollback)" in text
    assert "[sev](#rollback)" in text and "[other](matrix.md)" in text


def test_a_part_for_one_section_takes_the_links_to_that_section_only():
    parts = [
        ("By symptom", Md("## By symptom\n\nA table.\n"), ("index.md#scenarios-by-symptom",)),
        ("Scenario", Md("## Scenario\n\n[runbooks](index.md#scenarios-by-symptom), [home](index.md#principles)\n"), ()),
    ]  # fmt: skip
    (_, _), (_, text) = link_inside(parts, {})
    assert "[runbooks](#by-symptom)" in text and "[home](index.md#principles)" in text
