"""The pages as MkDocs converts them (after macros): rendered without a build, or saved during one."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from playbook import project as projects

if TYPE_CHECKING:
    from playbook.data.catalog import Catalog

ENV_VAR = "PLAYBOOK_RENDERED_DIR"


def save_rendered(src_uri: str, markdown: str, environ: Mapping[str, str] = os.environ) -> Path | None:
    """Write `markdown` to <$PLAYBOOK_RENDERED_DIR>/<src_uri>; do nothing when the variable is unset."""
    root = environ.get(ENV_VAR)
    if not root:
        return None
    path = Path(root) / src_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown, encoding="utf-8")
    return path


@contextmanager
def _data_env(data: Path):
    """$PLAYBOOK_DATA set to `data` for MkDocs' config (the macros load the data from it), then restored."""
    old = os.environ.get(projects.DATA_ENV)
    os.environ[projects.DATA_ENV] = str(data)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(projects.DATA_ENV, None)
        else:
            os.environ[projects.DATA_ENV] = old


def render_pages(data: str | Path | None = None, project: projects.Project | None = None) -> tuple[dict, Catalog]:
    """({src_uri: Markdown}, the catalog) from MkDocs' own first half of a build, with every plugin.

    This is the Markdown `mkdocs build` hands to the converter: the config and its plugins (macros,
    which loads the data once), the files and nav hooks, then each page's `page_markdown` events.
    Only the Markdown-to-HTML conversion and the theme templates are skipped; a strict build checks
    those, and its hook compares every page's HTML code blocks with these fences.
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    log = logging.getLogger("mkdocs")
    level = log.level
    log.setLevel(logging.ERROR)
    project = project or projects.find(data=data)
    with _data_env(project.data):
        try:
            config = load_config(str(project.config))
            config = config.plugins.on_config(config)
            files = config.plugins.on_files(get_files(config), config=config)
            set_exclusions(files, config)
            config.plugins.on_nav(get_navigation(files, config), config=config, files=files)  # for the plugins
            pages = {}
            for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
                page = file.page or Page(None, file, config)
                config._current_page = page
                page = config.plugins.on_pre_page(page, config=config, files=files)
                page.read_source(config)
                pages[file.src_uri] = config.plugins.on_page_markdown(
                    page.markdown, page=page, config=config, files=files
                )
            config._current_page = None
        except MkDocsException as e:
            raise RuntimeError(f"the pages did not render, nothing was extracted:\n{e}") from None
        except SystemExit as e:  # mkdocs-macros ends the process when a macro fails (on_error_fail)
            raise RuntimeError(
                f"a macro failed (exit {e.code}): the pages did not render (see the lines above)"
            ) from None
        finally:
            log.setLevel(level)
    return pages, config["extra"]["pb_catalog"]
