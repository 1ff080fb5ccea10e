"""mkdocs-macros entry point: the MkDocs adapter's macro hooks, nothing more (see playbook.adapters.mkdocs)."""

from playbook.adapters.mkdocs.macros import define_env, on_pre_page_macros

__all__ = ["define_env", "on_pre_page_macros"]
