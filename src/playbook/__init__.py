"""The Clinical OS operational playbook as code: YAML data, a searchable site, checked runbooks.

Layers, lowest first; a module imports only from its own layer and the layers listed as its own may-import
(each subpackage's docstring repeats it, and tests/test_layers.py enforces it):
the top modules (errors, project, version, markdown) -> data -> incident, alerts, drill, runbooks -> checks
-> site -> adapters -> cli.
"""
