"""ALR017: a health probe whose help says it answers for the database is one the database fault's drill sees failing;
the finding is at the probe's help."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

CAT = "catalog.yaml"


@pytest.mark.parametrize(
    "new",
    [
        'help: "Process is up and can reach its database (200)"',  # set 18 M37's kind
        'help: "Process and DB are up (200)"',
    ],
)
def test_alr017_liveness_claiming_the_database(data_copy, new):
    edit(data_copy / CAT, 'help: "Process is up (200)"', new)
    found = [p for p in check(load_catalog(data_copy), ["ALR017"]) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {(f"data/{CAT}", line_of(data_copy / CAT, new))}


def test_alr017_api_endpoint_saying_database_passes(data_copy):
    edit(data_copy / CAT, "help: Create or issue prescriptions", "help: Create or issue prescriptions (database)")
    assert check(load_catalog(data_copy), ["ALR017"]) == []


def test_alr017_real_data_passes(catalog):
    assert check(catalog, ["ALR017"]) == []
