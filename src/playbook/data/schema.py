"""Export a JSON Schema per data file into data/schema/, referenced from each YAML for editors."""

from __future__ import annotations

import json

from playbook.data.load import DIR_FILES, SINGLE_FILES
from playbook.data.model_drill import DrillResults


def schema_files() -> dict[str, str]:
    """{schema file name: JSON text} for every data file kind."""
    models = {name.removesuffix(".yaml"): model for name, model in SINGLE_FILES.items()}
    models |= {"procedure": DIR_FILES["procedures"], "scenario": DIR_FILES["scenarios"]}
    models["drill_results"] = DrillResults  # written by `playbook drill --record`, not by hand
    out = {}
    for name, model in models.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out
