"""TOOL023: a GROUP BY of one table's rows by its primary key or a UNIQUE column makes one-row groups (each count 1):
an error at its line; a grouping by another column, a join, or a search for duplicates (HAVING) passes."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.sql_groups import keyed_groups
from playbook.data.load import load_catalog
from playbook.site.checking import check

WRITES = "scenarios/write-operations-failing.yaml"
BY_STATUS = "SELECT status, COUNT(*) FROM ClinicalNote GROUP BY status;"
KEYS = {"user": [{"id"}, {"email"}], "clinicalnote": [{"id"}]}


@pytest.mark.parametrize(
    "new",
    [
        "SELECT status, COUNT(*) FROM ClinicalNote AS n GROUP BY n.id;",
        "SELECT status, COUNT(*) FROM ClinicalNote GROUP BY status, id ORDER BY 2 DESC;",
        "SELECT role, COUNT(*) FROM User GROUP BY email;",
    ],
)
def test_a_keyed_group_is_found_at_its_line(data_copy, new):
    edit(data_copy / WRITES, BY_STATUS, new)
    found = check(load_catalog(data_copy), ["TOOL023"])
    assert [(p.file, p.line) for p in found] == [(f"data/{WRITES}", line_of(data_copy / WRITES, new))]


@pytest.mark.parametrize(
    "new",
    [
        "SELECT status, COUNT(*) FROM ClinicalNote GROUP BY status ORDER BY 2 DESC;",
        "SELECT authorId, COUNT(*) FROM ClinicalNote GROUP BY authorId;",
        "SELECT u.id, COUNT(*) FROM User u JOIN ClinicalNote n ON n.authorId = u.id GROUP BY u.id;",
        "SELECT id, COUNT(*) FROM ClinicalNote GROUP BY id HAVING COUNT(*) > 1;",
    ],
)
def test_other_groups_pass(data_copy, new):
    edit(data_copy / WRITES, BY_STATUS, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["TOOL023"])] == []


def test_the_key_is_read_from_the_statement():
    sql = 'SELECT n.status FROM "ClinicalNote" n GROUP BY n.status, n."id";'
    assert [(sql[o:], c, t) for o, c, t in keyed_groups(sql, KEYS)] == [('n."id";', "id", "ClinicalNote")]
    assert list(keyed_groups("SELECT role FROM Unknown GROUP BY id;", KEYS)) == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TOOL023"]) == []
