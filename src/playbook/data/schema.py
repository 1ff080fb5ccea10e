"""Export a JSON Schema per data file into data/schema/, referenced from each YAML for editors."""

from __future__ import annotations

import json
from pathlib import Path

from playbook.data import files as registry


def schema_files() -> dict[str, str]:
    """{schema file name: JSON text} for every data file kind."""
    out = {}
    for spec in registry.ALL:
        schema = spec.model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[spec.schema_file] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out


def write_schemas(folder: Path, check: bool = False) -> list[str]:
    """Write the schemas into `folder` (or, with check, only compare); return the names that differ."""
    changed = []
    if not check:
        folder.mkdir(exist_ok=True)
    for name, text in schema_files().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            changed.append(name)
            if not check:
                path.write_text(text, encoding="utf-8")
    return changed
