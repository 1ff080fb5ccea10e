"""FILE022: a step written twice under one title (a merge that kept both sides), found at the first line where the
earlier copy differs from the later (or at the second copy when the two are the same); the real data and the near
misses pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.twice import first_difference, spans
from playbook.data.load import load_catalog
from playbook.site.checking import check

WOF = "scenarios/write-operations-failing.yaml"
OLD_STEP = (
    "  - title: Check error logs\n    blocks:\n      - kind: shell\n"
    '        code: jq -c \'select(.level == "error")\' "$LOG_FILE"\n'
)
NOTIFY = "  - title: Notify team\n"


def test_the_older_copy_is_found_where_it_differs(data_copy):
    edit(data_copy / WOF, "  - title: Check error logs\n", OLD_STEP + "  - title: Check error logs\n")
    found = check(load_catalog(data_copy), ["FILE022"])
    assert [(p.file, p.line) for p in found] == [(f"data/{WOF}", line_of(data_copy / WOF, 'error")\' "$LOG'))]
    assert "steps 1 and 2" in found[0].message


def test_a_last_step_written_twice_alike_is_found_at_the_second_copy(data_copy):
    path = data_copy / WOF
    text = path.read_text(encoding="utf-8")
    start = text.index(NOTIFY)
    end = text.index("drill:", start)
    edit(path, text[start:end], text[start:end] * 2)
    lines = path.read_text(encoding="utf-8").split("\n")
    second = [n for n, t in enumerate(lines, 1) if t == NOTIFY.rstrip("\n")][1]
    found = check(load_catalog(data_copy), ["FILE022"])
    assert [(p.line, p.col) for p in found] == [(second, 5)], [p.format() for p in found]
    assert "the same step written again" in found[0].message


@pytest.mark.parametrize(
    "new",
    [
        NOTIFY.replace("Notify team", "Notify the team") + '    text: "Again."\n' + NOTIFY,  # another title
        NOTIFY.replace("  - title", "  - text: Notify team\n    title"),  # the title as another key's text
    ],
)
def test_a_near_miss_passes(data_copy, new):
    edit(data_copy / WOF, NOTIFY, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["FILE022"])] == []


def test_where_items_end_and_differ():
    lines = ["steps:", "  - title: a", "    text: x", "", "  - title: a", "    text: y", "", "drill: {}"]
    items = spans(lines, [(2, 5), (5, 5)])
    assert items == [["- title: a", "text: x", ""], ["- title: a", "text: y"]]
    assert first_difference(*items) == 1
    assert first_difference(["title: a"], ["title: a", "text: y"]) == 0


def test_the_real_data_passes(catalog):
    assert check(catalog, ["FILE022"]) == []
