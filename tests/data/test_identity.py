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
