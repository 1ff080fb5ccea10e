"""OWN006: a party a text names as an incident type's matrix primary, secondary or escalation is matrix.yaml's; the
finding is at the text's line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

R = "routes.yaml"

FAULTS = [
    # set 20 M37's kind: the matrix escalation of the route test's type named wrong (the type from its type:)
    (R, "and the matrix escalation (the CTO) comes with the manager",
     "and the matrix escalation (the Engineering Manager) comes with the manager",
     "matrix escalation (the Engineering"),
    # a party said to be a type's secondary, the type named in the words ("a breach")
    (R, "The CTO is the secondary owner of a breach", "The Board is the secondary owner of a breach",
     "The Board is the secondary owner"),
    # the matrix owners, in a text whose item names its type
    # a seed listing the matrix's escalation parties, of no one type: the field across the matrix
    ("decisions.yaml", "(CTO, Engineering Manager, Legal Team, Board)", "(CTO, Security Lead, Legal Team, Board)",
     "(CTO, Security Lead, Legal Team, Board)"),
    (R, 'why: "The matrix owners join the primary at declaration;',
     'why: "The matrix owners (AI Team and Database Team) join the primary at declaration;', "(AI Team and Database"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS, ids=[f[3] for f in FAULTS])
def test_own006_matrix_party_said_wrong(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = [p for p in check(load_catalog(data_copy), ["OWN006"]) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {(f"data/{file}", line_of(data_copy / file, marker))}, [
        p.format() for p in found
    ]


def test_own006_real_data_passes(catalog):
    assert check(catalog, ["OWN006"]) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # the right owners, listed
        (
            'why: "The matrix owners join the primary',
            'why: "The matrix owners (AI Team and Backend Team) join the primary',
        ),
        # a bracket that lists no party is no claim about one
        ("and the matrix escalation (the CTO) comes", "and the matrix escalation (at once) comes"),
    ],
)
def test_own006_near_misses(data_copy, old, new):
    edit(data_copy / R, old, new)
    assert check(load_catalog(data_copy), ["OWN006"]) == []
