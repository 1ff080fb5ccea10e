"""MkDocs hooks: add the generated scenario pages to the site's files; check each page's code blocks."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from playbook.pages import scenario_source, scenario_uri


def on_files(files: Files, config) -> Files:
    cat = config["extra"]["pb_catalog"]
    for sid in cat.scenarios:
        files.append(File.generated(config, scenario_uri(sid), content=scenario_source(cat, sid)))
    return files


def on_page_content(html: str, page, config, files) -> str:
    """Stop the build when a page's HTML does not show exactly the fences extraction reads from it.

    With PLAYBOOK_RENDERED_DIR set, also save the Markdown the page was converted from (for the tests).
    """
    from playbook.extract import html_problems
    from playbook.rendered import save_rendered

    save_rendered(page.file.src_uri, page.markdown)
    problems = html_problems(page.file.src_uri, page.markdown, html)
    if problems:
        raise PluginError("\n".join(problems))
    return html
