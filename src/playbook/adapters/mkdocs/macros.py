"""mkdocs-macros entry points: load the project's data once, register the site's macros, add page meta."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from playbook import project as projects
from playbook.adapters.mkdocs.search import query_stop_words
from playbook.data.load import load_catalog
from playbook.errors import DataError
from playbook.markdown import expression
from playbook.site.macros import macro_table
from playbook.site.pages import add_scenarios_to_nav, page_meta, placeholder_hints, with_search_terms
from playbook.site.search_hints import search_hints
from playbook.version import playbook_version


def define_env(env):
    """The project is the folder of the mkdocs.yml being built, its pages the config's docs_dir; its data folder
    may be set by $PLAYBOOK_DATA."""
    try:
        root = Path(env.conf.config_file_path).parent
        project = projects.at(root, projects.find_data(), env.conf["docs_dir"])
        cat = load_catalog(project=project)
    except DataError as e:
        raise PluginError(f"the playbook data is invalid, nothing was built:\n{e}") from None
    except projects.ProjectError as e:
        raise PluginError(str(e)) from None
    env.variables["pb"] = cat
    env.conf["extra"]["pb_catalog"] = cat
    env.conf["extra"]["pb_version"] = env.variables["pb_version"] = playbook_version(project.root)
    env.conf["extra"]["pb_placeholders"] = placeholder_hints(cat)
    env.conf["nav"] = add_scenarios_to_nav(cat, env.conf["nav"])
    env.conf["extra"]["pb_search"] = search_hints(cat, env.conf["nav"], query_stop_words(env.conf["plugins"]))

    for name, fn in macro_table(cat).items():
        env.macro(fn, name)


def on_pre_page_macros(env):
    # Every `{{ expression }}` of a page goes through `expression`: a data string is escaped where it is written
    # (the macros give Md, which stays as it is). Set here: the template environment exists once the config does.
    env.env.finalize = expression
    env.page.meta.update(page_meta(env.variables["pb"], env.page.file.src_uri, env.page.meta))
    if env.page.meta.get("keywords"):
        env.markdown = with_search_terms(env.markdown, env.page.meta["keywords"])
