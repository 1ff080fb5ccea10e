"""No two entries of one list share their name: a second copy is refused at the copy's line."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.errors import DataError

# (file, an entry's line, where the copy goes after it, the copy's changed text): each list keeps its entries by
# their id, or their name where they have no id
COPIES = [
    (
        "catalog.yaml",
        '  - {name: db.error, type: counter, unit: queries, help: "Database errors"}\n',
        '  - {name: db.error, type: counter, unit: errors, help: "Database errors, again"}\n',
    ),
    (
        "catalog.yaml",
        "  - {id: READ, requests: 100, window: 60s}\n",
        "  - {id: READ, requests: 200, window: 60s}\n",
    ),
    (
        "oncall.yaml",
        '  - {id: incidents, name: "#incidents", purpose: Status updates for every declared incident}\n',
        '  - {id: incidents, name: "#incident-updates", purpose: Status updates}\n',
    ),
]


@pytest.mark.parametrize(("file", "entry", "copy"), COPIES, ids=["metric name", "rate limit id", "channel id"])
def test_a_copied_entry_is_refused_at_the_copy(data_copy, file, entry, copy):
    path = data_copy / file
    edit(path, entry, entry + copy)
    line = path.read_text(encoding="utf-8").split("\n").index(copy.rstrip("\n")) + 1
    with pytest.raises(DataError) as info:
        load_catalog(data_copy)
    assert [(p.file, p.line, p.rule) for p in info.value.problems] == [(f"data/{file}", line, "LOAD004")]
    # the message names the entry copied, at its own line (the one just above the copy)
    message = info.value.problems[0].message
    assert f"at line {line - 1})" in message or f"at data/{file}:{line - 1})" in message, message


def test_a_row_renamed_to_another_rows_name_is_refused_at_its_name(data_copy):
    # set 11 M39: a copy-paste slip gives two matrix rows one name; `playbook who`, the matrix and the alert labels
    # would show two "Write failures" rows
    path = data_copy / "matrix.yaml"
    edit(path, "{id: read-failures, name: Read failures,", "{id: read-failures, name: Write failures,")
    line = (
        path.read_text(encoding="utf-8")
        .split("\n")
        .index(next(x for x in path.read_text(encoding="utf-8").split("\n") if "id: read-failures" in x))
    )
    with pytest.raises(DataError) as info:
        load_catalog(data_copy)
    assert [(p.file, p.line, p.rule) for p in info.value.problems] == [("data/matrix.yaml", line + 1, "LOAD004")]
    assert "duplicate name 'Write failures'" in info.value.problems[0].message


def test_a_row_pasted_twice_is_one_finding_at_its_id(data_copy):
    path = data_copy / "matrix.yaml"
    row = next(x for x in path.read_text(encoding="utf-8").split("\n") if "id: ai-failures" in x)
    edit(path, row + "\n", row + "\n" + row + "\n")
    with pytest.raises(DataError) as info:
        load_catalog(data_copy)
    found = [(p.line, p.rule) for p in info.value.problems]
    assert len(found) == 1 and "duplicate id 'ai-failures'" in info.value.problems[0].message, found
