"""The synthetic playbook generator: its output is valid data that quotes only what the catalog declares."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import DATA_DIR
from playbook.adapters.mkdocs.markdown import text_renderer
from playbook.checks.engine import load_rules
from playbook.data.addresses import scenario_uri
from playbook.data.load import load_catalog
from playbook.site.checking import check
from playbook.site.pages import NAV_FLAT_MAX, NAV_GROUP_MAX, scenario_nav
from playbook_dev.synth import PREFIX, generate


@pytest.fixture(scope="module")
def synth10(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("synth") / "data", 10)


def synthetic_files(folder: Path) -> list[dict]:
    return [yaml.safe_load(f.read_text()) for f in sorted((folder / "scenarios").glob(PREFIX + "*.yaml"))]


def test_ten_synthetic_scenarios_load(synth10, catalog):
    cat = load_catalog(synth10)
    raw = synthetic_files(synth10)
    real_files = list((DATA_DIR / "scenarios").glob("*.yaml"))
    assert len(raw) == 10
    assert len(cat.scenarios) == len(real_files) + 10
    ids = [d["id"] for d in raw] + list(catalog.scenarios)
    assert len(set(ids)) == len(ids)
    numbers = [sc.number for sc in cat.scenarios.values()]
    assert len(set(numbers)) == len(numbers)


def test_synthetic_scenarios_are_realistic_and_quote_the_catalog(synth10, catalog):
    cat = load_catalog(synth10)
    matrix = {it.id: it for it in catalog.matrix.incident_types}
    metrics = {m.name for m in catalog.data.metrics}
    placeholders = {p.name for p in catalog.meta.placeholders}
    raw = {d["id"]: d for d in synthetic_files(synth10)}
    for sid, sc in cat.scenarios.items():
        if sid not in raw:
            continue
        assert 5 <= len(sc.steps) <= 7, sid
        assert sc.incident_type in matrix and sc.owner == matrix[sc.incident_type].primary
        assert {m for s in sc.symptoms for m in s.metrics} <= metrics
        assert {s.endpoint for s in sc.symptoms if s.endpoint} <= {e.id for e in catalog.data.endpoints}
        assert sc.keywords and sc.synonyms
        blocks = [b for st in sc.steps for b in st.blocks]
        shell = [b.code for b in blocks if b.kind == "shell"]
        assert shell and any(("jq " in c or "sqlite3 " in c) for c in shell), sid
        for code in shell:
            assert "{{" not in code, code  # templates were expanded from the catalog
            assert set(re.findall(r"\$\{?([A-Z][A-Z0-9_]*)", code)) <= placeholders, code
        # the raw file used templates for what the catalog defines (not typed-in paths)
        text = yaml.safe_dump(raw[sid])
        assert "{{ ep" in text and "condition(" in text
        assert not re.search(r"/api/", text), sid


def test_checker_finds_no_error_on_synthetic_data(synth10):
    load_rules()
    cat = load_catalog(synth10)
    errors = [p.format() for p in check(cat, render=text_renderer(cat.project)) if p.level == "error"]
    assert errors == []


def test_large_nav_is_grouped_by_incident_type(tmp_path, catalog):
    cat = load_catalog(generate(tmp_path / "data", 150))
    nav = scenario_nav(cat)
    names = [it.name for it in cat.matrix.incident_types]
    assert [next(iter(g)) for g in nav] == [n for n in names if any(next(iter(g)) == n for g in nav)]

    def leaves(entries, depth=0):
        for e in entries:
            (value,) = e.values()
            if isinstance(value, list):
                assert len(value) <= NAV_GROUP_MAX
                yield from leaves(value, depth + 1)
            else:
                yield value

    assert sorted(leaves(nav)) == sorted(scenario_uri(s) for s in cat.scenarios)
    assert len(cat.scenarios) > NAV_FLAT_MAX
    # the real playbook is short: its nav stays one flat list in scenario order
    assert scenario_nav(catalog) == [{f"{s.number}. {s.title}": scenario_uri(s.id)} for s in catalog.scenarios.values()]
