"""SEC008 in search keywords: a lower-case word that is no English word and that nothing else of the data uses (a
patient's name copied from a ticket) is an error at the keyword's line; English words and the data's own terms pass."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

WO, AI = "scenarios/write-operations-failing.yaml", "scenarios/ai-service-down.yaml"
RUNBOOK_KEYS = "keywords: [cannot save note, prescriptions failing,"
STEP_KEYS = "keywords: [tell users, what to say,"


@pytest.mark.parametrize(
    ("file", "old", "new", "marker"),
    [
        (WO, RUNBOOK_KEYS, RUNBOOK_KEYS.replace("note,", "note, amy tran note will not save,"), "amy tran"),
        (WO, RUNBOOK_KEYS, RUNBOOK_KEYS.replace("failing,", "failing, priya raman locked out,"), "priya raman"),
        (AI, STEP_KEYS, STEP_KEYS.replace("say,", "say, what to tell mrs okonkwo,"), "okonkwo"),
    ],
)
def test_a_name_in_keywords_is_found_at_its_line(data_copy, catalog, file, old, new, marker):
    assert check(catalog, ["SEC008"]) == []
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["SEC008"])
    text = (data_copy / file).read_text(encoding="utf-8").splitlines()
    lines = {n for n, line in enumerate(text, 1) if marker in line}
    assert lines and {p.file for p in found} == {f"data/{file}"}, [p.format() for p in found]
    assert lines & {p.line for p in found}, ([p.format() for p in found], sorted(lines))
    assert all(marker not in p.message for p in found)  # the log never shows the name


@pytest.mark.parametrize("keyword", ["notes not saving after deploy", "openai quota", "generate-note refused", "sev1"])
def test_english_and_the_datas_own_terms_pass(data_copy, keyword):
    edit(data_copy / WO, RUNBOOK_KEYS, RUNBOOK_KEYS.replace("failing,", f"failing, {keyword},"))
    assert check(load_catalog(data_copy), ["SEC008"]) == []
