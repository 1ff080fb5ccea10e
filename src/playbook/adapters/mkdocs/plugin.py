"""MkDocs hooks: add the generated scenario pages to the site's files; check each page's code blocks."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from playbook.site.pages import scenario_source, scenario_uri


def on_files(files: Files, config) -> Files:
    cat = config["extra"]["pb_catalog"]
    for sid in cat.scenarios:
        files.append(File.generated(config, scenario_uri(sid), content=scenario_source(cat, sid)))
    return files


# Each page's fences, as extraction reads them, collected during one build for the compilation check.
_FENCES: dict = {}


def on_pre_build(config) -> None:
    _FENCES.clear()


def on_page_content(html: str, page, config, files) -> str:
    """Stop the build when a page's HTML does not show exactly the fences extraction reads from it.

    With PLAYBOOK_RENDERED_DIR set, also save the Markdown the page was converted from (for the tests).
    """
    from playbook.runbooks.extract import fences, html_problems
    from playbook.adapters.mkdocs.rendered import save_rendered

    save_rendered(page.file.src_uri, page.markdown)
    found = _FENCES[page.file.src_uri] = fences(page.markdown)
    problems = html_problems(page.file.src_uri, found, html)
    if problems:
        raise PluginError("\n".join(problems))
    return html


def on_env(env, config, files):
    """Stop the build when the print binder shows a block that is not a copy of a runbook page's block."""
    from playbook.runbooks.extract import compilation_problems

    problems = compilation_problems(_FENCES)
    if problems:
        raise PluginError("\n".join(problems))
    return env


@event_priority(-50)  # after the search plugin wrote its index (0), before the offline plugin inlines it (-100)
def on_post_build(config) -> None:
    """A page's tags (severity, owner) classify the page: keep them on its own search entry only.

    The theme repeats them on every section entry, where they match queries as if they were text
    ("database" found every step of every page the Database Team owns) and weigh on every visit.
    """
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    for entry in index["docs"]:
        if "#" in entry["location"]:
            entry.pop("tags", None)
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
