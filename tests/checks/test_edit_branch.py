"""REF013: meta.yaml's edit_uri names a branch the publishing workflow builds from (set 13 M67, spent: edit/mian/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import edit, line_of
from playbook.checks.links import published_branches
from playbook.data.load import load_catalog
from playbook.site.checking import check


@pytest.mark.parametrize("uri", ["edit/mian/", "edit/master/", "blob/main-old/", "edit/"])
def test_an_edit_link_on_another_branch_is_found_at_its_line(data_copy, uri):
    edit(data_copy / "meta.yaml", "edit_uri: edit/main/", f"edit_uri: {uri}")
    found = check(load_catalog(data_copy), ["REF013"])
    want = [("data/meta.yaml", line_of(data_copy / "meta.yaml", "edit_uri:"), "error")]
    assert [(p.file, p.line, p.level) for p in found] == want, [p.format() for p in found]


@pytest.mark.parametrize("uri", ["-/edit/main/", "src/branch/main/", "blob/main/docs/"])
def test_the_published_branch_in_any_forge_s_form_passes(data_copy, uri):
    edit(data_copy / "meta.yaml", "edit_uri: edit/main/", f"edit_uri: {uri}")
    assert check(load_catalog(data_copy), ["REF013"]) == []


def test_the_published_branches_are_the_workflows_push_branches(tmp_path: Path):
    flows = tmp_path / ".github" / "workflows"
    flows.mkdir(parents=True)
    (flows / "a.yml").write_text("on:\n  push:\n    branches: [main, 'release/*']\n  pull_request:\n")
    (flows / "b.yaml").write_text("'on': {push: {branches: [stable]}}\n")
    (flows / "c.yml").write_text("on: [push]\n")
    assert published_branches(tmp_path) == ["main", "stable"]
    assert published_branches(tmp_path / "nowhere") == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["REF013"]) == []
