"""REF018: a link to a severity level or a runbook names the one the text beside it names (its link text, the
why of a search concept), found at the link's line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

AI = "scenarios/ai-service-down.yaml"

# (file, old, new, the text of the line the finding must be at)
FAULTS = [
    ("search.yaml", "{id: audit, rank: 2, answer: severities.md#sev-1,", "{id: audit, rank: 2, answer: "
     "severities.md#sev-2,", "{id: audit, rank: 2, answer: severities.md#sev-2,"),  # set 14 M43
    ("search.yaml", "{id: corruption, rank: 3, answer: severities.md#sev-1,", "{id: corruption, rank: 3, answer: "
     "severities.md#sev-3,", "{id: corruption, rank: 3, answer: severities.md#sev-3"),
    ("search.yaml", "{id: sev-2, rank: 3, answer: severities.md#sev-2,", "{id: sev-2, rank: 3, answer: "
     "severities.md#sev-4,", "{id: sev-2, rank: 3, answer: severities.md#sev-4"),
    (AI, "[How to Disable AI Quickly](../disable-ai.md)", "[How to Disable AI Quickly](../rollback.md)",
     "(../rollback.md)"),
    (AI, "(AI is optional)\"\n", "(AI is optional, [SEV-2](../severities.md#sev-1))\"\n", "[SEV-2](../severities"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_fault_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["REF018"])
    line = line_of(data_copy / file, marker)
    assert [(p.file, p.line, p.rule) for p in found] == [(f"data/{file}", line, "REF018")], [p.format() for p in found]


def test_a_link_whose_text_names_nothing_is_not_judged(data_copy):
    edit(data_copy / AI, "[How to Disable AI Quickly](../disable-ai.md)", "[the procedure](../rollback.md)")
    assert check(load_catalog(data_copy), ["REF018"]) == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["REF018"]) == []
