"""Every YAML file points at its JSON Schema (that they match the models: tests/cli/test_generate.py)."""

from __future__ import annotations

from conftest import DATA_DIR


def test_every_yaml_references_its_schema():
    for path in DATA_DIR.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=")[1]).resolve()
        assert target.exists(), f"{path}: {target} missing"
