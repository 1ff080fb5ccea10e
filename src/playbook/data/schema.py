"""Export a JSON Schema per data file into data/schema/, referenced from each YAML for editors."""

from __future__ import annotations

import json

from playbook.data import files as registry


def schema_files() -> dict[str, str]:
    """{schema file name: JSON text} for every data file kind."""
    out = {}
    for spec in registry.ALL:
        schema = spec.model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[spec.schema_file] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out
