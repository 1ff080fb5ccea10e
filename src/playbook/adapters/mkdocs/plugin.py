"""The `playbook` MkDocs plugin: scenario pages; each page's edit link and date; the code-block check; the index.

Registered as the `mkdocs.plugins` entry point `playbook`, so an installed package serves any copy of the
project (a hooks file would have to be a path inside the source tree). List it after `macros`.
"""

from __future__ import annotations

import gc
import json
from pathlib import Path
from urllib.parse import urlsplit

import rjsmin
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from playbook.adapters.mkdocs.rendered import save_rendered
from playbook.alerts.prometheus import SITE_LINK
from playbook.data.addresses import scenario_uri
from playbook.markdown import published
from playbook.runbooks.extract import compilation_problems, fences, html_problems
from playbook.site.pages import scenario_source
from playbook.site.search_hints import HINTS_JS, PRIOR, SEARCH_JS, hints_script, indexed_text, page_kind
from playbook.site.search_index import fold_asides
from playbook.site.sources import DATED, SOURCE_LINK, edit_file, page_files
from playbook.version import last_changes


class PlaybookPlugin(BasePlugin):
    def __init__(self):
        # Each page's fences, as extraction reads them, collected during one build for the compilation check.
        self.fences: dict = {}
        self.changes: dict = {}

    def on_config(self, config):
        """The site's and the repository's addresses from data/meta.yaml; the git dates of every source."""
        cat = config["extra"]["pb_catalog"]
        site, source = cat.meta.link(SITE_LINK), cat.meta.link(SOURCE_LINK)
        if site:
            config["site_url"] = site.url.rstrip("/") + "/"
        if source and cat.meta.edit_uri:
            config["repo_url"] = source.url.rstrip("/") + "/"
            config["repo_name"] = urlsplit(source.url).path.strip("/") or source.url
            config["edit_uri"] = cat.meta.edit_uri
        self.changes = last_changes(cat.project.root, DATED)  # one git walk for every page
        return config

    def on_files(self, files: Files, config) -> Files:
        cat = config["extra"]["pb_catalog"]
        for sid in cat.scenarios:
            page = published(scenario_source(cat, sid), f"the page of scenario {sid}")
            files.append(File.generated(config, scenario_uri(sid), content=page))
        # what the search needs beside the index: one cached file rather than a copy in every page
        files.append(File.generated(config, HINTS_JS, content=hints_script(config["extra"]["pb_search"])))
        # the query rewriter is read on every first visit: shipped without its comments and spaces
        script = files.get_file_from_path(SEARCH_JS)
        if script is not None:
            files.remove(script)
            minified = rjsmin.jsmin(Path(script.abs_src_path).read_text(encoding="utf-8"))
            files.append(File.generated(config, SEARCH_JS, content=minified))
        return files

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        """After the macros: the page's edit link (the file it is made from) and its own last-updated date."""
        cat, uri = config["extra"]["pb_catalog"], page.file.src_uri
        raw = page.file.content_string
        edit = edit_file(cat, uri, raw)
        if config.get("repo_url") and config.get("edit_uri"):
            page.edit_url = config["repo_url"] + config["edit_uri"] + edit
        stamp = config["extra"]["pb_version"]
        days = [self.changes[f] for f in page_files(cat, uri, raw) if f in self.changes]
        page.meta["pb_version"] = {**stamp, "date": max(days).isoformat() if days else stamp["date"]}
        if days:
            page.update_date = max(days).isoformat()  # the sitemap's lastmod: the page's change, not the build's
        return markdown

    def on_pre_build(self, config) -> None:
        self.fences.clear()
        # The catalog (loaded in on_config) lives as long as the build: keep the collector from rescanning it
        # on every full pass. Only for this build: on_post_build and on_build_error undo it (serve rebuilds).
        gc.freeze()

    def on_build_error(self, error) -> None:
        gc.unfreeze()

    def on_page_content(self, html: str, page, config, files) -> str:
        """Stop the build when a page's HTML does not show exactly the fences extraction reads from it.

        With PLAYBOOK_RENDERED_DIR set, also save the Markdown the page was converted from (for the tests).
        """
        save_rendered(page.file.src_uri, page.markdown)
        found = self.fences[page.file.src_uri] = fences(page.markdown)
        problems = html_problems(page.file.src_uri, found, html)
        if problems:
            raise PluginError("\n".join(problems))
        return html

    def on_env(self, env, config, files):
        """Stop the build when the print binder shows a block that is not a copy of a runbook page's block."""
        problems = compilation_problems(self.fences)
        if problems:
            raise PluginError("\n".join(problems))
        return env

    @event_priority(-50)  # after the search plugin wrote its index (0), before the offline plugin inlines it (-100)
    def on_post_build(self, config) -> None:
        """A page's tags (severity, owner) classify the page: keep them on its own search entry only. The
        theme repeats them on every section entry, where they match queries as if they were text ("database"
        found every step of every page the Database Team owns) and weigh on every visit.

        Each entry gets its search prior (data/search.yaml pages): answers outrank hubs, then mentions, records, then
        asides, whose entries keep their first paragraph only (site.search_hints.indexed_text), folded into their
        page's entry (site.search_index.fold_asides).
        """
        gc.unfreeze()
        path = Path(config["site_dir"]) / "search" / "search_index.json"
        if not path.exists():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        cat = config["extra"]["pb_catalog"]
        for entry in index["docs"]:
            if "#" in entry["location"]:
                entry.pop("tags", None)
            kind = page_kind(cat, entry["location"])
            entry["text"] = indexed_text(kind, entry["text"])
            if kind in PRIOR:
                entry["boost"] = PRIOR[kind]
        index["docs"] = fold_asides(index["docs"], lambda location: page_kind(cat, location))
        path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
