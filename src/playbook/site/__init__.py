"""Site layer: pure render functions (data -> Markdown), the macro table, generated pages, binder, search words.

Generator-neutral: nothing here imports MkDocs. May import: checks, incident, alerts, drill, runbooks, data
and the top modules.
"""
