"""Data layer: the pydantic models, the YAML loader with positions, the catalog, template expansion, schema.

May import: the top modules (errors, project, version, markdown).
"""
