"""MkDocs hooks: add the generated scenario pages to the site's files."""

from __future__ import annotations

from mkdocs.structure.files import File, Files

from playbook.pages import scenario_source, scenario_uri


def on_files(files: Files, config) -> Files:
    cat = config["extra"]["pb_catalog"]
    for sid in cat.scenarios:
        files.append(File.generated(config, scenario_uri(sid), content=scenario_source(cat, sid)))
    return files
