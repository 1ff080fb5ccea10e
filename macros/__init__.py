"""mkdocs-macros entry point: registers the playbook's render functions as macros, nothing more."""

import gc

from mkdocs.exceptions import PluginError

from playbook.errors import DataError
from playbook.load import load_catalog
from playbook.macro_table import macro_table
from playbook.pages import add_scenarios_to_nav, page_meta, placeholder_hints, with_search_terms
from playbook.search_words import WordForms, query_stop_words, stop_words, with_word_forms
from playbook.version import playbook_version


def define_env(env):
    try:
        cat = load_catalog()
    except DataError as e:
        raise PluginError(f"the playbook data is invalid, nothing was built:\n{e}") from None
    env.variables["pb"] = cat
    gc.freeze()  # the catalog lives as long as the build: keep the collector from rescanning it on every full pass
    env.conf["extra"]["pb_catalog"] = cat
    env.conf["extra"]["pb_version"] = env.variables["pb_version"] = playbook_version()
    env.conf["extra"]["pb_placeholders"] = placeholder_hints(cat)
    env.conf["nav"] = add_scenarios_to_nav(cat, env.conf["nav"])
    env.conf["extra"]["pb_search"] = {"stopwords": query_stop_words(env.conf["plugins"])}
    env.variables["pb_forms"] = WordForms.of_catalog(cat, stop_words())

    for name, fn in macro_table(cat).items():
        env.macro(fn, name)


def on_pre_page_macros(env):
    env.page.meta.update(page_meta(env.variables["pb"], env.page.file.src_uri, env.page.meta))
    if env.page.meta.get("keywords"):
        env.markdown = with_search_terms(env.markdown, env.page.meta["keywords"])


def on_post_page_macros(env):
    env.markdown = with_word_forms(env.markdown, env.variables["pb_forms"])
