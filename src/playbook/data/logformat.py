"""The structured-log format as a JSON Schema built from data/catalog.yaml, and a small checker for it."""

from __future__ import annotations

from typing import Any

from playbook.data import files as F
from playbook.data.model import LogField

_PY = {"string": str, "integer": int, "number": (int, float), "boolean": bool, "object": dict}


def log_schema(fields: list[LogField]) -> dict:
    """A JSON Schema (draft 2020-12 subset) for one log record: dotted paths become nested objects."""
    root: dict[str, Any] = {"type": "object", "properties": {}, "required": [], "additionalProperties": False}
    for f in fields:
        node = root
        *parents, leaf = f.path.split(".")
        for p in parents:
            node = node["properties"].setdefault(
                p, {"type": "object", "properties": {}, "required": [], "additionalProperties": False}
            )
        prop: dict[str, Any] = {"type": f.type, "description": f.help}
        if f.enum:
            prop["enum"] = list(f.enum)
        node["properties"][leaf] = prop
        if f.required:
            node["required"].append(leaf)
    return root


def validate(value: Any, schema: dict, path: str = "") -> list[str]:
    """Problems of `value` against the subset of JSON Schema that log_schema() produces."""
    where = path or "(record)"
    want = _PY[schema["type"]]
    if isinstance(value, bool) and schema["type"] in ("integer", "number") or not isinstance(value, want):
        return [f"{where}: expected {schema['type']}, got {type(value).__name__} {value!r}"]
    problems = []
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: {value!r} is not one of {', '.join(schema['enum'])}")
    if schema["type"] == "object":
        for name in schema.get("required", []):
            if name not in value:
                problems.append(f"{where}: missing required field {(path + '.' if path else '') + name}")
        for name, item in value.items():
            sub = f"{path}.{name}" if path else name
            if name in schema["properties"]:
                problems += validate(item, schema["properties"][name], sub)
            elif schema.get("additionalProperties") is False:
                problems.append(f"{sub}: not a field of the log format ({F.CATALOG.name} log_format.fields)")
    return problems
