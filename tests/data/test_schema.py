"""The committed JSON Schemas match the models, and every YAML file points at its schema."""

from __future__ import annotations

from conftest import DATA_DIR
from playbook.data.schema import write_schemas


def test_committed_schemas_are_current():
    assert write_schemas(DATA_DIR / "schema", check=True) == [], "run: playbook schema"


def test_every_yaml_references_its_schema():
    for path in DATA_DIR.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=")[1]).resolve()
        assert target.exists(), f"{path}: {target} missing"
