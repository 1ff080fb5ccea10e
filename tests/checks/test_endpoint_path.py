"""CAT012: an endpoint whose path ends in its id spelt otherwise (a separator, a case, one letter) is an error at the
path's line; a path whose last segment is no spelling of the id, and the real data, pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

CAT = "catalog.yaml"

# (old, new, marker: the finding's line holds it)
FAULTS = [
    ("path: /api/ai/generate-note,", "path: /api/ai/generate_note,", "generate_note,"),  # set 15 M61 (spent)
    ("path: /api/auth/signin,", "path: /api/auth/sign-in,", "sign-in,"),  # the sibling: another endpoint
    ("path: /api/prescriptions,", "path: /api/prescription,", "/api/prescription,"),  # one letter dropped
    # set 20 M62's kind: an external endpoint, its id past the provider's name (openai-models at api.openai.com)
    ("/v1/models,", "/v1/modles,", "/v1/modles,"),
    ("/v1/models,", "/v1/model,", "/v1/model,"),
]

NEAR_MISSES = [
    ("path: /api/auth/signin,", "path: /api/auth/login,"),  # a last segment that is no spelling of its id
    ("path: /api/ai/generate-note,", "path: /api/ai/generate-note/,"),  # a trailing slash: the same segment
    ("/v1/models,", "/v1/engines,"),  # no spelling of the id
    ("/v1/models,", "/v1/models/gpt-4o,"),  # one model of the list: its last segment no spelling of the id
]


@pytest.mark.parametrize(("old", "new", "marker"), FAULTS)
def test_a_path_spelling_its_id_otherwise_is_found_at_its_line(data_copy, old, new, marker):
    edit(data_copy / CAT, old, new)
    found = [(p.file, p.line, p.rule) for p in check(load_catalog(data_copy), ["CAT012"])]
    assert found == [(f"data/{CAT}", line_of(data_copy / CAT, marker), "CAT012")], found


@pytest.mark.parametrize(("old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, old, new):
    edit(data_copy / CAT, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["CAT012"])] == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["CAT012"]) == []
