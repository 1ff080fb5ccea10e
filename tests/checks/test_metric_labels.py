"""SEC017: a metric label that names a patient's record, or takes any value the log format does not record, is an
error at the label's line (user_email too: it only starts as context.userId does); a label the log format records
(user, user_id, ip, status) or one with a short list passes."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

NOTE = '{name: write.note.error, type: counter, unit: operations, help: "Failed note writes", seed: true}'
AI = '{name: ai.generate_note.error, type: counter, unit: calls, help: "AI note generations that failed", seed: true}'
FAULTS = [
    # set 16 M17 (spent): a patient's id copied into every series of failed note writes
    (NOTE, NOTE.replace("help:", "labels: {patient_id: any}, help:"), "labels: {patient_id: any}"),
    # the sibling: another metric, a patient's record by another of SEC010's labels, even with listed values
    (AI, AI.replace("help:", "labels: {mrn: [a, b]}, help:"), "labels: {mrn: [a, b]}"),
    # a person's e-mail, which the log format does not record
    (AI, AI.replace("help:", "labels: {email: any}, help:"), "labels: {email: any}"),
    # ... under a name that starts as a recorded field does (context.userId): the user's e-mail, or name
    (NOTE, NOTE.replace("help:", "labels: {user_email: any}, help:"), "labels: {user_email: any}"),
    (AI, AI.replace("help:", "labels: {userName: any}, help:"), "labels: {userName: any}"),
]
# Near misses: a label the log format records (context.userId, context.role), a short list of values
NEAR_MISSES = [
    NOTE.replace("help:", "labels: {user: any}, help:"),
    NOTE.replace("help:", "labels: {role: any}, help:"),
    NOTE.replace("help:", "labels: {user_id: any}, help:"),  # context.userId, in another case
    NOTE.replace("help:", "labels: {status_code: any}, help:"),  # context.statusCode
    NOTE.replace("help:", "labels: {error_name: any}, help:"),  # error.name, by its whole path
    NOTE.replace("help:", "labels: {kind: [draft, final]}, help:"),
]


def test_sec017_real_data_passes(catalog):
    assert check(catalog, ["SEC017"]) == []


@pytest.mark.parametrize(("old", "new", "marker"), FAULTS, ids=[f[2] for f in FAULTS])
def test_sec017_a_personal_label_is_found_at_its_line(data_copy, old, new, marker):
    edit(data_copy / "catalog.yaml", old, new)
    found = check(load_catalog(data_copy), ["SEC017"])
    lines = (data_copy / "catalog.yaml").read_text(encoding="utf-8").splitlines()
    (line,) = [n for n, text in enumerate(lines, 1) if marker in text]
    assert [(p.file, p.line) for p in found] == [("data/catalog.yaml", line)], [p.format() for p in found]


@pytest.mark.parametrize("new", NEAR_MISSES)
def test_sec017_near_misses_pass(data_copy, new):
    edit(data_copy / "catalog.yaml", NOTE, new)
    assert check(load_catalog(data_copy), ["SEC017"]) == []
