"""LOAD005 for a name a template cites that no item has: at the citation, and at the definition it most nearly names
(one edit away) when no template cites that item, which may be the one renamed (set 15 M71)."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.errors import DataError

LOG = "procedures/log-access.yaml"


def found(data) -> set[tuple[str, int, str]]:
    with pytest.raises(DataError) as info:
        load_catalog(data)
    return {(p.file, p.line, p.rule) for p in info.value.problems}


def test_a_renamed_link_id_is_found_at_its_definition_and_its_citation(data_copy):
    edit(data_copy / "meta.yaml", "- id: vercel-dashboard", "- id: vercel-dashbaord")
    assert found(data_copy) == {
        (f"data/{LOG}", line_of(data_copy / LOG, 'link("vercel-dashboard")'), "LOAD005"),
        ("data/meta.yaml", line_of(data_copy / "meta.yaml", "vercel-dashbaord"), "LOAD005"),
    }


def test_a_renamed_metric_is_found_at_its_definition(data_copy):
    """The sibling: a metric a template quotes (`metric('auth.active_users')`), its name losing a letter."""
    edit(data_copy / "catalog.yaml", "{name: auth.active_users,", "{name: auth.active_user,")
    assert ("data/catalog.yaml", line_of(data_copy / "catalog.yaml", "auth.active_user,"), "LOAD005") in found(
        data_copy
    )


def test_a_misspelt_citation_of_an_id_cited_elsewhere_is_found_at_the_citation_only(data_copy):
    """The near miss: the id is defined and another template cites it, so the misspelt citation is the one to fix."""
    edit(
        data_copy / LOG,
        '{{ link("vercel-dashboard") }}',
        '{{ link("vercel-dashboard") }} ({{ link("vercel-dashbord") }})',
    )
    assert found(data_copy) == {(f"data/{LOG}", line_of(data_copy / LOG, "vercel-dashbord"), "LOAD005")}


def test_a_name_far_from_every_id_is_found_at_the_citation_only(data_copy):
    edit(data_copy / LOG, 'link("vercel-dashboard")', 'link("grafana")')
    assert found(data_copy) == {(f"data/{LOG}", line_of(data_copy / LOG, 'link("grafana")'), "LOAD005")}
