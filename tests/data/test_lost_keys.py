"""A top-level list key lost from a file (its items then run on in the list above) is one LOAD011 at the line where
the key was, naming it, not one LOAD003 per key of each item; an item with one unknown key is still LOAD003."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.errors import DataError


def problems_of(data_dir) -> list:
    with pytest.raises(DataError) as info:
        load_catalog(data_dir)
    return info.value.problems


@pytest.mark.parametrize(
    ("file", "key", "above"),
    [
        ("search.yaml", "bets", "# Only where the answer is none of its concepts' own"),  # set 23's M59
        ("oncall.yaml", "escalation", None),  # the escalation levels run on into the responsibilities
    ],
)
def test_a_lost_list_key_is_one_finding_where_it_was(data_copy, file, key, above):
    text = (data_copy / file).read_text(encoding="utf-8")
    line = text.splitlines().index(f"{key}:") + 1
    (data_copy / file).write_text(text.replace(f"\n{key}:\n", "\n\n", 1), encoding="utf-8")
    found = problems_of(data_copy)
    assert [(p.file, p.line, p.rule) for p in found] == [(f"data/{file}", line, "LOAD011")], [p.format() for p in found]
    assert f"`{key}:`" in found[0].message
    if above:
        assert line == line_of(data_copy / file, above) + 1


def test_one_unknown_key_in_an_item_is_still_an_unknown_key(data_copy):
    edit(data_copy / "search.yaml", "  - {id: config, rank: 9,", "  - {id: config, rank: 9, find: rollback.md,")
    found = problems_of(data_copy)
    assert [(p.rule, p.line) for p in found] == [("LOAD003", line_of(data_copy / "search.yaml", "id: config,"))], [
        p.format() for p in found
    ]
